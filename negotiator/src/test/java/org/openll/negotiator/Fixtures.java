package org.openll.negotiator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;

/** Builders of test records with sensible defaults. */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  public static MachineBuilder machine(String name, int cpus) {
    return new MachineBuilder(name, cpus);
  }

  public static StepBuilder step(String id) {
    return new StepBuilder(id);
  }

  public static final class MachineBuilder {
    private final String name;
    private final int cpus;
    private long memory = 4096;
    private String arch = "x86_64";
    private String opsys = "Linux";
    private List<String> features = List.of();
    private List<String> classes = List.of();
    private final Map<String, Integer> running = new LinkedHashMap<>();
    private double load;
    private long diskKb = 1_000_000;
    private String pool = "";
    private String llVersion = "0.1.0";
    private final Map<String, String> extra = new LinkedHashMap<>();

    MachineBuilder(String name, int cpus) {
      this.name = name;
      this.cpus = cpus;
    }

    public MachineBuilder memory(long mb) { memory = mb; return this; }
    public MachineBuilder arch(String value) { arch = value; return this; }
    public MachineBuilder opsys(String value) { opsys = value; return this; }
    public MachineBuilder features(String... values) { features = List.of(values); return this; }
    public MachineBuilder classes(String... values) { classes = List.of(values); return this; }
    public MachineBuilder running(String step, int stepCpus) { running.put(step, stepCpus); return this; }
    public MachineBuilder load(double value) { load = value; return this; }
    public MachineBuilder disk(long kb) { diskKb = kb; return this; }
    public MachineBuilder pool(String value) { pool = value; return this; }
    public MachineBuilder llVersion(String value) { llVersion = value; return this; }
    public MachineBuilder attribute(String attribute, String value) { extra.put(attribute, value); return this; }

    public Machine build() {
      return new Machine(name, name + ":9000", cpus, memory, arch, opsys, features, classes, running,
          "secret-" + name, load, diskKb, pool, llVersion, extra, "proc");
    }
  }

  public static final class StepBuilder {
    private final String id;
    private String jobClass = "small";
    private int cpus = 1;
    private String requirements = "";
    private String preferences = "";
    private int priority = 50;
    private Instant queued = T0;

    StepBuilder(String id) {
      this.id = id;
    }

    public StepBuilder jobClass(String value) { jobClass = value; return this; }
    public StepBuilder cpus(int value) { cpus = value; return this; }
    public StepBuilder requirements(String value) { requirements = value; return this; }
    public StepBuilder preferences(String value) { preferences = value; return this; }
    public StepBuilder priority(int value) { priority = value; return this; }
    public StepBuilder queued(Instant value) { queued = value; return this; }

    public IdleStepAd build() {
      return new IdleStepAd(id, "alice", jobClass, cpus, requirements, preferences, priority, queued);
    }
  }
}
