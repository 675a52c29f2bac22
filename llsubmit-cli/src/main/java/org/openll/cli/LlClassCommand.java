package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.ClassStatus;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryClassesRequest;
import org.openll.cli.format.ClassListing;
import org.openll.cli.format.JsonDocument;

/**
 * {@code llclass [-l] [--json] [class...]}: the classes of LoadL_admin with their free and maximum
 * initiators on the up machines, from the negotiator. A named class the negotiator does not know
 * is reported on standard error and makes the exit code 1.
 */
public final class LlClassCommand implements Command {
  static final String NAME = "llclass";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(names = "-l", description = "long listing")
    boolean longListing;

    @Parameter(names = "--json", description = "the classes as one JSON array")
    boolean json;

    @Parameter(description = "[class ...]")
    List<String> classes = new ArrayList<>();

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "-l" -> () -> longListing = true;
        case "--json" -> () -> json = true;
        default -> null;
      };
    }

    @Override
    public List<String> positional() {
      return classes;
    }
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.classes);
    if (options.longListing && options.json) {
      throw Flags.usageError(NAME, options, "-l and --json cannot be combined");
    }
    QueryClassesRequest request = QueryClassesRequest.newBuilder().addAllNames(options.classes).build();
    List<ClassStatus> classes;
    try (DaemonConnection negotiator = DaemonConnection.open(context, "negotiator")) {
      classes = negotiator.call(channel ->
          negotiator.withDeadline(NegotiatorGrpc.newBlockingStub(channel)).queryClasses(request)).getClassesList();
    }
    if (options.json) {
      context.out().print(JsonDocument.print(JsonDocument.array(classes)));
    } else if (classes.isEmpty()) {
      context.out().println(NAME + ": There is currently no class information to report.");
    } else if (options.longListing) {
      context.out().print(ClassListing.longListing(classes));
    } else {
      context.out().print(ClassListing.standard(classes));
    }
    int exit = 0;
    for (String name : options.classes) {
      if (classes.stream().noneMatch(c -> c.getName().equals(name))) {
        context.err().println(NAME + ": class not found: " + name);
        exit = 1;
      }
    }
    return exit;
  }
}
