package org.openll.startd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.RunningStep;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * Builds this machine's {@link MachineAd} from its identity, the claim table and its
 * {@link MachineOffer}, and {@code /proc} ({@code meminfo} for memory and swap, {@code loadavg}
 * for the one-minute load).
 * Unreadable files give 0, as does the free disk of an execute directory that cannot be found.
 */
public final class MachineAdBuilder {
  static final String FEATURE = "FEATURE";
  static final String POOL = "POOL";
  static final String MACHINE_ATTRIBUTES = "MACHINE_ATTRIBUTES";

  private static final Pattern QUOTED_OR_WORD = Pattern.compile("\"([^\"]*)\"|([^\\s{}\"]+)");
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=\\S*");

  /**
   * What the site says of this machine, until the next reconfig.
   *
   * @param executeDir where steps run (the startd's spool); its free space is {@code Disk}
   * @param pool the machine's pool, empty for none
   * @param features administrator-defined features ({@code Feature})
   * @param attributes extra attributes for requirements, by name
   * @param llVersion the openll version this startd runs
   */
  public record Site(Path executeDir, String pool, List<String> features, Map<String, String> attributes,
      String llVersion) {
    public Site {
      Objects.requireNonNull(executeDir, "executeDir");
      pool = Objects.requireNonNullElse(pool, "");
      features = List.copyOf(features);
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
      llVersion = Objects.requireNonNullElse(llVersion, "");
    }

    /**
     * The site from {@code config}: {@code FEATURE = { "dev" "prepost" }} (quotes and braces
     * optional), {@code POOL = 1}, {@code MACHINE_ATTRIBUTES = Rack=r12 Gpus=4} (blank- or
     * {@code ;}-separated {@code Name=value}). Throws {@link ConfigException} naming the keyword
     * for a malformed attribute.
     */
    public static Site fromConfig(LoadLConfig config, Path executeDir) {
      List<String> features = new ArrayList<>();
      Matcher m = QUOTED_OR_WORD.matcher(config.getString(FEATURE, ""));
      while (m.find()) {
        String feature = m.group(1) != null ? m.group(1) : m.group(2);
        if (!feature.isBlank()) {
          features.add(feature);
        }
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String item : config.getString(MACHINE_ATTRIBUTES, "").split("[;\\s]+")) {
        if (item.isEmpty()) {
          continue;
        }
        if (!ATTRIBUTE.matcher(item).matches()) {
          throw new ConfigException(MACHINE_ATTRIBUTES + ": expected Name=value, got \"" + item + "\"");
        }
        int eq = item.indexOf('=');
        attributes.put(item.substring(0, eq), item.substring(eq + 1));
      }
      return new Site(executeDir, config.getString(POOL, "").strip(), features, attributes, openllVersion());
    }
  }

  private final MachineIdentity identity;
  private final ClaimTable claims;
  private final Path proc;
  private final String arch;
  private final DrainState drain;
  /** Memory, load and disk as last read; null until the first ad. */
  private Facts facts;

  /** What an ad says of the machine's memory, load and disk: read from /proc and the file system. */
  private record Facts(MemInfo memory, double loadAverage, long diskKb) {}

  /** A builder whose site facts, classes and consumables are the claim table's current {@link MachineOffer}. */
  public MachineAdBuilder(MachineIdentity identity, ClaimTable claims, Path proc, String osArch) {
    this(identity, claims, proc, osArch, new DrainState());
  }

  /** As above, with the classes and machine that {@code llctl drain} took out of the offer. */
  public MachineAdBuilder(MachineIdentity identity, ClaimTable claims, Path proc, String osArch, DrainState drain) {
    this.identity = identity;
    this.claims = claims;
    this.proc = proc;
    this.arch = normalizeArch(osArch);
    this.drain = drain;
  }

  /**
   * The ad as of now. A drained machine has {@code drained} set; drained classes leave its class
   * list and class slots, and a machine whose every listed class is drained is drained as a whole
   * (an empty list would mean any class). A machine without a CLASS list cannot name the classes
   * it leaves out: StartStep refuses a drained class there (the step is rejected and requeued).
   */
  public MachineAd build(String address) {
    MachineOffer offer = claims.offer();
    List<String> classes = drain.open(offer.classes());
    boolean drained = drain.machineDrained() || (!offer.classes().isEmpty() && classes.isEmpty());
    Site site = offer.site();
    Facts facts = facts(site);
    MemInfo memory = facts.memory();
    MachineAd.Builder ad = MachineAd.newBuilder()
        .setMachine(identity.machine())
        .setAddress(address)
        .setCpus(identity.cpus())
        .setMemoryMb(memory.physicalMb())
        .setVirtualMemoryMb(memory.virtualMb())
        .setArch(arch)
        .setOpsys("Linux")
        .setClaimSecret(identity.claimSecret())
        .setLoadAverage(facts.loadAverage())
        .addAllFeatures(site.features())
        .setDiskKb(facts.diskKb())
        .setPool(site.pool())
        .setLlVersion(site.llVersion())
        .putAllAttributes(site.attributes())
        .setContainment(identity.containment())
        .setDrained(drained)
        .addAllClasses(classes)
        .putAllClassSlots(open(offer.classSlots(), classes))
        .putAllResources(offer.resources());
    for (Map.Entry<String, ClaimTable.Claim> step : claims.claims().entrySet()) {
      ad.addRunning(RunningStep.newBuilder().setStepId(step.getKey()).setCpus(step.getValue().cpus())
          .putAllResources(step.getValue().resources()));
    }
    return ad.build();
  }

  /**
   * Reads memory, load and disk again for the next ad. Ads sent for claim changes (two per step)
   * reuse the last reading: reading /proc and the file system for each took ~5 % of a startd's CPU
   * under a stream of short steps. The heartbeat refreshes them.
   */
  public synchronized void refreshFacts() {
    facts = null;
  }

  private synchronized Facts facts(Site site) {
    if (facts == null) {
      facts = new Facts(MemInfo.read(proc), loadAverage(), diskKb(site));
    }
    return facts;
  }

  /** {@code slots} of the classes in {@code open} only: the negotiator reads the slots before the class list. */
  private static Map<String, Integer> open(Map<String, Integer> slots, List<String> open) {
    Map<String, Integer> kept = new LinkedHashMap<>(slots);
    kept.keySet().retainAll(open);
    return kept;
  }

  /** The JDK says "amd64" where LoadLeveler and uname say "x86_64". */
  static String normalizeArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86-64" -> "x86_64";
      default -> osArch;
    };
  }

  double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(proc.resolve("loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * KiB usable by the startd in the execute directory, or in its nearest existing ancestor when
   * it does not exist yet; 0 when none can be read.
   */
  static long diskKb(Site site) {
    try {
      for (Path dir = site.executeDir().toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir)) {
          return dir.toFile().getUsableSpace() / 1024;
        }
      }
    } catch (RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** The version in the jar's manifest or Maven properties; "unknown" when run from classes. */
  static String openllVersion() {
    String version = MachineAdBuilder.class.getPackage().getImplementationVersion();
    if (version != null) {
      return version;
    }
    String properties = "/META-INF/maven/org.openll/startd/pom.properties";
    try (InputStream in = MachineAdBuilder.class.getResourceAsStream(properties)) {
      if (in != null) {
        Properties loaded = new Properties();
        loaded.load(in);
        return loaded.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }
}
