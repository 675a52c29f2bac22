package org.openll.common.admin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.openll.api.v1.Limit;
import org.openll.api.v1.StepLimits;

/**
 * Builds an {@link AdminConfig} from an {@link AdminFile}. Each stanza is read with its type's
 * {@code default} stanza merged under it (the own stanza's keywords win), and the default stanza
 * itself over openll's built-in defaults: priority 0, every count limit unlimited, no access
 * lists, no limits, {@link AdminConfig#NO_GROUP}. The default stanza is read first, so a bad value
 * there is reported once, under its own label. Keywords openll does not honour are kept in the
 * stanzas' {@code keywords} and never an error.
 */
final class AdminConfigReader {
  /** The {@code *_limit} keywords: name, whether a time (else a size), where it goes. */
  private record LimitKeyword(String name, boolean time, BiConsumer<StepLimits.Builder, Limit> setter) {}

  private static final List<LimitKeyword> LIMITS = List.of(
      new LimitKeyword("wall_clock_limit", true, StepLimits.Builder::setWallClockLimit),
      new LimitKeyword("job_cpu_limit", true, StepLimits.Builder::setJobCpuLimit),
      new LimitKeyword("cpu_limit", true, StepLimits.Builder::setCpuLimit),
      new LimitKeyword("core_limit", false, StepLimits.Builder::setCoreLimit),
      new LimitKeyword("data_limit", false, StepLimits.Builder::setDataLimit),
      new LimitKeyword("file_limit", false, StepLimits.Builder::setFileLimit),
      new LimitKeyword("rss_limit", false, StepLimits.Builder::setRssLimit),
      new LimitKeyword("stack_limit", false, StepLimits.Builder::setStackLimit),
      new LimitKeyword("as_limit", false, StepLimits.Builder::setAsLimit));

  private final AdminFile file;

  private AdminConfigReader(AdminFile file) {
    this.file = file;
  }

  static AdminConfig read(AdminFile file) {
    return new AdminConfigReader(file).read();
  }

  private AdminConfig read() {
    ClassStanza defaultClass = classStanza(values("class", AdminConfig.DEFAULT));
    UserStanza defaultUser = userStanza(values("user", AdminConfig.DEFAULT));
    GroupStanza defaultGroup = groupStanza(values("group", AdminConfig.DEFAULT));
    Optional<MachineStanza> defaultMachine = hasDefault("machine")
        ? Optional.of(machineStanza(values("machine", AdminConfig.DEFAULT))) : Optional.empty();
    return new AdminConfig(all("class", this::classStanza), all("user", this::userStanza),
        all("group", this::groupStanza), all("machine", this::machineStanza), defaultClass, defaultUser, defaultGroup,
        defaultMachine);
  }

  private boolean hasDefault(String type) {
    return file.stanzas(type).stream().anyMatch(s -> s.label().equals(AdminConfig.DEFAULT));
  }

  private <T> Map<String, T> all(String type, Function<StanzaValues, T> build) {
    Map<String, T> stanzas = new LinkedHashMap<>();
    for (AdminFile.Stanza s : file.stanzas(type)) {
      if (!s.label().equals(AdminConfig.DEFAULT)) {
        stanzas.put(s.label(), build.apply(values(type, s.label())));
      }
    }
    return stanzas;
  }

  /** The stanza {@code label} of {@code type} with its default merged in; empty keywords when neither exists. */
  private StanzaValues values(String type, String label) {
    AdminFile.Stanza stanza = file.resolved(type, label).orElseGet(() -> new AdminFile.Stanza(label, type, Map.of()));
    return new StanzaValues(file.source(), stanza);
  }

  private ClassStanza classStanza(StanzaValues v) {
    StepLimits.Builder limits = StepLimits.newBuilder();
    StepLimits.Builder defaults = StepLimits.newBuilder();
    for (LimitKeyword limit : LIMITS) {
      v.limit(limit.name(), limit.time()).ifPresent(l -> limit.setter().accept(limits, l));
      v.limit("default_" + limit.name(), limit.time()).ifPresent(l -> limit.setter().accept(defaults, l));
    }
    return new ClassStanza(v.label(), v.integer("priority", 0), set(v.names("include_users")),
        set(v.names("exclude_users")), set(v.names("include_groups")), set(v.names("exclude_groups")),
        v.count("maxjobs"), v.count("max_jobs_per_user"), v.count("max_total_tasks"), v.count("max_node"),
        limits.build(), defaults.build(), v.resources("default_resources"), v.text("class_comment", ""),
        v.keywords());
  }

  private UserStanza userStanza(StanzaValues v) {
    return new UserStanza(v.label(), v.integer("priority", 0), v.names("default_class"),
        v.text("default_group", AdminConfig.NO_GROUP), v.count("maxjobs"), v.count("maxidle"), v.count("maxqueued"),
        v.count("max_node"), v.count("total_tasks"), v.nonNegative("fair_shares", 0), v.keywords());
  }

  private GroupStanza groupStanza(StanzaValues v) {
    return new GroupStanza(v.label(), v.integer("priority", 0), set(v.names("include_users")),
        set(v.names("exclude_users")), v.count("maxjobs"), v.count("maxidle"), v.count("maxqueued"),
        v.count("max_node"), v.count("total_tasks"), v.nonNegative("fair_shares", 0), v.keywords());
  }

  private MachineStanza machineStanza(StanzaValues v) {
    return new MachineStanza(v.label(), v.resourceCounts("resources"), v.keywords());
  }

  private static Set<String> set(List<String> names) {
    return new LinkedHashSet<>(names);
  }
}
