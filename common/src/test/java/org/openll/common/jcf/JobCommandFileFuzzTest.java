package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded-random fuzzing (fixed seed, so failures reproduce): thousands of mutations of real files
 * and hostile inputs, each of which the parser must answer with a job or a
 * JobCommandFileException, and Dependency.parse with a value or an IllegalArgumentException,
 * never another exception, a hang or unbounded memory.
 */
class JobCommandFileFuzzTest {
  private static final long SEED = 20240611L;
  private static final int ROUNDS = 4000;
  private static final List<String> SEEDS = List.of(
      Jcf.resource("scinet-multistep.cmd"), Jcf.resource("continuation.cmd"), Jcf.resource("compact-no-blanks.cmd"),
      Jcf.resource("poe-executable.cmd"),
      Jcf.file("# @ wall_clock_limit = 1:00:00,50:00", "# @ resources = ConsumableCpus(2)ConsumableMemory(2 gb)",
          "# @ network.MPI = sn_all,not_shared,US,HIGH,instances=2", "# @ node = 2,4", "# @ startdate = 01/02/2030 10:00",
          "# @ step_name = a", "# @ queue", "# @ step_name = b", "# @ dependency = (a == 0) || a == CC_REMOVED",
          "# @ output = $(output)", "# @ queue"));
  private static final String[] FRAGMENTS = {
      "# @ ", "#@", "\\\n", "\n", "$(", ")", "$(output)", "$(error)", "(", "((((", "))", ",", "=", "#", "\"", ";",
      "queue", "\u0000", "\uFFFF", "\r", "gb", "ew", "9999999999999999999999", ":", ".5", "unlimited", "copy",
      "network.", "node", "dependency", "&&", "||", "CC_NOTRUN", "ConsumableMemory(", "step_name", "\t"};

  @Test
  void parse_mutatedFiles_onlyJobOrJobCommandFileException() {
    Random random = new Random(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int round = 0; round < ROUNDS; round++) {
        String input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
        parseOnly(input);
        dependencyOnly(input.length() > 200 ? input.substring(0, 200) : input);
      }
    });
  }

  @Test
  void parse_hostileInputs_boundedAndRefused() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      parseOnly("# @ comment = " + "x".repeat(10 * 1024 * 1024) + "\n# @ queue\n");
      parseOnly("x".repeat(JobCommandFileParser.MAX_FILE_CHARS + 1));
      parseOnly("# @ arguments = a \\\n" + "# b \\\n".repeat(100_000) + "\n# @ queue\n");
      parseOnly("# @ requirements = " + "(".repeat(50_000) + "\n# @ queue\n");
      parseOnly("# @ dependency = " + "(".repeat(5_000) + "\n# @ step_name = x\n# @ queue\n");
      StringBuilder chain = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        chain.append("# @ network.n").append(i).append(" = $(network.n").append(i + 1).append(")\n");
      }
      parseOnly(chain + "# @ queue\n");
      StringBuilder doubling = new StringBuilder("# @ comment = xxxxxxxxxxxxxxxx\n");
      String previous = "comment";
      for (String keyword : List.of("account_no", "group", "class", "output", "error", "input", "arguments",
          "shell", "notify_user", "requirements", "preferences", "job_name", "step_name", "initialdir")) {
        doubling.append("# @ ").append(keyword).append(" = $(").append(previous).append(")$(").append(previous).append(")\n");
        previous = keyword;
      }
      parseOnly(doubling + "# @ queue\n");
      byte[] binary = new byte[100_000];
      new Random(SEED).nextBytes(binary);
      parseOnly(new String(binary, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n# @ queue\n");
    });
  }

  private static String mutate(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
    int mutations = 1 + random.nextInt(8);
    for (int i = 0; i < mutations; i++) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 1 -> text.insert(at, (char) random.nextInt(0x250));
        case 2 -> {
          if (at < text.length()) {
            text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
          }
        }
        default -> {
          if (at < text.length()) {
            text.setCharAt(at, (char) (32 + random.nextInt(95)));
          }
        }
      }
    }
    return text.toString();
  }

  private static void parseOnly(String input) {
    try {
      new JobCommandFileParser().parse(input, Jcf.context());
    } catch (JobCommandFileException expected) {
      // refused: fine
    } catch (RuntimeException | StackOverflowError e) {
      fail("parser threw " + e + " on input " + quoteStart(input), e);
    }
  }

  private static void dependencyOnly(String input) {
    try {
      Dependency.parse(input).stepNames();
    } catch (IllegalArgumentException expected) {
      // refused: fine
    } catch (RuntimeException | StackOverflowError e) {
      fail("Dependency.parse threw " + e + " on " + quoteStart(input), e);
    }
  }

  private static String quoteStart(String input) {
    return "\"" + (input.length() > 300 ? input.substring(0, 300) + "..." : input) + "\"";
  }
}
