package org.openll.common.validate;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.NetworkRequest;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepSpec;
import org.openll.common.errors.OpenllException;
import org.openll.common.jcf.Dependency;

/**
 * Checks a whole {@link JobSpec} as the schedd stores it, whatever client built it (llsubmit, or
 * anything else that speaks gRPC). Problems name the field by its proto path:
 * {@code steps[N] (name).field: problem}, or {@code job.field: problem} for job fields.
 *
 * <p>Checks: sizes (at most {@value #MAX_STEPS} steps, a job file of at most
 * {@value #MAX_JOB_FILE_BYTES} bytes, strings of at most {@value #MAX_STRING_CHARS} characters and
 * without NUL, repeated fields of at most {@value #MAX_REPEATED} entries), enum values the API
 * knows, required absolute paths, numeric ranges (cpus, user_priority, limits with soft ≤ hard,
 * node min ≤ max, task counts, resources), startdate a valid time, and a dependency that parses
 * and names only earlier steps of the same job (so no dependency can wait forever on itself).
 *
 * <p>Stateless and thread-safe.
 */
public final class JobSpecValidator {
  public static final int MAX_STEPS = 10_000;
  public static final int MAX_JOB_FILE_BYTES = 1 << 20;
  public static final int MAX_STRING_CHARS = 64 * 1024;
  public static final int MAX_REPEATED = 10_000;
  public static final int MAX_USER_PRIORITY = 100;
  private static final int MAX_PROBLEMS = 50;
  private static final Set<String> PROTOCOLS = Set.of("MPI", "LAPI", "PVM", "MPI_LAPI");

  private final List<String> problems = new ArrayList<>();
  private int total;

  private JobSpecValidator() {}

  /** Throws INVALID_ARGUMENT with the first problem of {@code job} (and how many more there are). */
  public static void validate(JobSpec job) {
    List<String> found = problems(job);
    if (!found.isEmpty()) {
      String more = found.size() > 1 ? " (and " + (found.size() - 1) + " more problem(s))" : "";
      throw OpenllException.invalidArgument(found.get(0) + more);
    }
  }


  /** Every problem of {@code job}, in field order, at most {@value #MAX_PROBLEMS}; empty when valid. */
  public static List<String> problems(JobSpec job) {
    JobSpecValidator v = new JobSpecValidator();
    v.check(job);
    return List.copyOf(v.problems);
  }

  private void check(JobSpec job) {
    if (job.getStepsCount() == 0) {
      problem("job.steps: at least one step is required");
    }
    if (job.getStepsCount() > MAX_STEPS) {
      problem("job.steps: at most " + MAX_STEPS + " steps per job, got " + job.getStepsCount());
      return;
    }
    if (job.getJobFileContent().size() > MAX_JOB_FILE_BYTES) {
      problem("job.job_file_content: at most " + MAX_JOB_FILE_BYTES + " bytes, got " + job.getJobFileContent().size());
    }
    for (FieldDescriptor field : JobSpec.getDescriptor().getFields()) {
      if (field.getNumber() != JobSpec.STEPS_FIELD_NUMBER) {
        walk("job." + field.getName(), job, field);
      }
    }
    Set<String> earlier = new HashSet<>();
    for (int i = 0; i < job.getStepsCount(); i++) {
      StepSpec step = job.getSteps(i);
      String where = "steps[" + i + "] (" + printable(step.getStepName()) + ").";
      int before = total;
      walkMessage(where, step);
      if (total == before) {
        step(where, step, job, earlier);
      }
      earlier.add(step.getStepName());
    }
  }

  private void step(String where, StepSpec step, JobSpec job, Set<String> earlier) {
    if (step.getStepName().isBlank()) {
      problem(where + "step_name: is empty");
    } else if (earlier.contains(step.getStepName())) {
      problem(where + "step_name: used by an earlier step");
    }
    if (step.getExecutableIsJobFile()) {
      if (job.getJobFileContent().isEmpty()) {
        problem(where + "job_file_content: required when the job file is the executable");
      }
    } else {
      absolute(where, "executable", step.getExecutable(), true);
    }
    absolute(where, "input", step.getInput(), true);
    absolute(where, "output", step.getOutput(), true);
    absolute(where, "error", step.getError(), true);
    absolute(where, "initialdir", step.getInitialdir(), true);
    absolute(where, "shell", step.getShell(), false);
    if (step.getCpus() < 1) {
      problem(where + "cpus: must be at least 1, got " + step.getCpus());
    }
    range(where, "user_priority", step.getUserPriority(), 0, MAX_USER_PRIORITY);
    for (int i = 0; i < step.getEnvironmentCount(); i++) {
      EnvVar env = step.getEnvironment(i);
      if (env.getName().isEmpty() || env.getName().contains("=")) {
        problem(where + "environment[" + i + "].name: bad variable name '" + env.getName() + "'");
      }
    }
    limits(where, step);
    resources(where + "resources", step.getResourcesList());
    resources(where + "node_resources", step.getNodeResourcesList());
    if (step.hasNode()) {
      if (step.getNode().getMin() < 1) {
        problem(where + "node.min: must be at least 1, got " + step.getNode().getMin());
      } else if (step.getNode().getMax() < step.getNode().getMin()) {
        problem(where + "node.max: must be at least node.min (" + step.getNode().getMin() + "), got "
            + step.getNode().getMax());
      }
    }
    nonNegative(where, "tasks_per_node", step.getTasksPerNode());
    nonNegative(where, "total_tasks", step.getTotalTasks());
    nonNegative(where, "parallel_threads", step.getParallelThreads());
    nonNegative(where, "image_size_kb", step.getImageSizeKb());
    nonNegative(where, "min_processors", step.getMinProcessors());
    nonNegative(where, "max_processors", step.getMaxProcessors());
    if (step.getMinProcessors() > 0 && step.getMaxProcessors() > 0 && step.getMinProcessors() > step.getMaxProcessors()) {
      problem(where + "min_processors: must not exceed max_processors (" + step.getMaxProcessors() + "), got "
          + step.getMinProcessors());
    }
    if (step.hasBlocking() && step.getBlocking().hasTasks() && step.getBlocking().getTasks() < 1) {
      problem(where + "blocking.tasks: must be at least 1, got " + step.getBlocking().getTasks());
    }
    if (step.hasTaskAffinity()) {
      if (!Set.of("cpu", "core").contains(step.getTaskAffinity().getUnit())) {
        problem(where + "task_affinity.unit: must be cpu or core, got '" + step.getTaskAffinity().getUnit() + "'");
      }
      if (step.getTaskAffinity().getCount() < 1) {
        problem(where + "task_affinity.count: must be at least 1, got " + step.getTaskAffinity().getCount());
      }
    }
    for (int i = 0; i < step.getNetworksCount(); i++) {
      NetworkRequest n = step.getNetworks(i);
      if (!PROTOCOLS.contains(n.getProtocol())) {
        problem(where + "networks[" + i + "].protocol: must be one of MPI, LAPI, PVM, MPI_LAPI, got '" + n.getProtocol() + "'");
      }
      if (n.getNetworkType().isBlank()) {
        problem(where + "networks[" + i + "].network_type: is empty");
      }
      nonNegative(where, "networks[" + i + "].instances", n.getInstances());
    }
    if (step.hasStartdate()) {
      timestamp(where + "startdate", step.getStartdate());
    }
    dependency(where, step, earlier);
  }

  private void dependency(String where, StepSpec step, Set<String> earlier) {
    if (step.getDependency().isBlank()) {
      return;
    }
    Dependency dependency;
    try {
      dependency = Dependency.parse(step.getDependency());
    } catch (IllegalArgumentException e) {
      problem(where + "dependency: " + e.getMessage());
      return;
    }
    for (String name : dependency.stepNames()) {
      if (name.equals(step.getStepName())) {
        problem(where + "dependency: a step cannot depend on itself");
      } else if (!earlier.contains(name)) {
        problem(where + "dependency: \"" + name + "\" is not the name of an earlier step of this job");
      }
    }
  }

  private void limits(String where, StepSpec step) {
    for (Map.Entry<FieldDescriptor, Object> e : step.getLimits().getAllFields().entrySet()) {
      String field = where + "limits." + e.getKey().getName();
      Limit limit = (Limit) e.getValue();
      limitValue(field + ".hard", limit.getHard());
      limitValue(field + ".soft", limit.getSoft());
      boolean hardBounded = limit.hasHard() && limit.getHard().hasAmount();
      boolean softBounded = limit.hasSoft() && limit.getSoft().hasAmount();
      if (hardBounded && limit.hasSoft() && (!softBounded || limit.getSoft().getAmount() > limit.getHard().getAmount())) {
        problem(field + ": the soft limit must not exceed the hard limit ("
            + (softBounded ? limit.getSoft().getAmount() : "unlimited") + " > " + limit.getHard().getAmount() + ")");
      }
    }
  }

  private void limitValue(String field, LimitValue value) {
    if (value.hasAmount() && value.getAmount() < 0) {
      problem(field + ": must not be negative, got " + value.getAmount());
    }
  }

  private void resources(String field, List<ResourceRequest> requests) {
    for (int i = 0; i < requests.size(); i++) {
      ResourceRequest r = requests.get(i);
      if (r.getName().isBlank()) {
        problem(field + "[" + i + "].name: is empty");
      }
      if (r.getAmount() < 0) {
        problem(field + "[" + i + "].amount: must not be negative, got " + r.getAmount());
      }
    }
  }

  private void timestamp(String field, Timestamp t) {
    // the range of google.protobuf.Timestamp: 0001-01-01 to 9999-12-31
    if (t.getSeconds() < -62_135_596_800L || t.getSeconds() > 253_402_300_799L || t.getNanos() < 0
        || t.getNanos() > 999_999_999) {
      problem(field + ": not a valid time (seconds " + t.getSeconds() + ", nanos " + t.getNanos() + ")");
    }
  }

  /** Strings (length, NUL), enums (known values) and repeated counts of every field, recursively. */
  private void walkMessage(String prefix, Message message) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      walk(prefix + field.getName(), message, field);
    }
  }

  private void walk(String path, Message message, FieldDescriptor field) {
    if (field.isRepeated()) {
      int count = message.getRepeatedFieldCount(field);
      if (count > MAX_REPEATED) {
        problem(path + ": at most " + MAX_REPEATED + " entries, got " + count);
        return;
      }
      for (int i = 0; i < count; i++) {
        value(path + "[" + i + "]", field, message.getRepeatedField(field, i));
      }
    } else if (!field.hasPresence() || message.hasField(field)) {
      value(path, field, message.getField(field));
    }
  }

  private void value(String path, FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case STRING -> {
        String s = (String) value;
        if (s.length() > MAX_STRING_CHARS) {
          problem(path + ": longer than " + MAX_STRING_CHARS + " characters (" + s.length() + ")");
        } else if (s.indexOf('\0') >= 0) {
          problem(path + ": contains a NUL character");
        }
      }
      case ENUM -> {
        KnownEnum e = new KnownEnum((EnumValueDescriptor) value);
        if (e.unknown()) {
          problem(path + ": unknown value " + e.number());
        }
      }
      case MESSAGE -> walkMessage(path + ".", (Message) value);
      default -> { }
    }
  }

  /** An enum value as received: unknown when the API defines no constant with its number. */
  private record KnownEnum(EnumValueDescriptor descriptor) {
    boolean unknown() {
      return descriptor.getType().findValueByNumber(descriptor.getNumber()) == null;
    }

    int number() {
      return descriptor.getNumber();
    }
  }

  private void absolute(String where, String field, String path, boolean required) {
    if (path.isEmpty()) {
      if (required) {
        problem(where + field + ": is required");
      }
    } else if (!path.startsWith("/")) {
      problem(where + field + ": must be an absolute path, got " + path);
    }
  }

  private void range(String where, String field, long value, long min, long max) {
    if (value < min || value > max) {
      problem(where + field + ": must be " + min + ".." + max + ", got " + value);
    }
  }

  private void nonNegative(String where, String field, long value) {
    if (value < 0) {
      problem(where + field + ": must not be negative, got " + value);
    }
  }

  private void problem(String text) {
    total++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(text);
    }
  }

  /** A step name as it can appear in a one-line message: cut to 64 characters, controls replaced. */
  private static String printable(String name) {
    String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
