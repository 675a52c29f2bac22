package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;

class RlimitsTest {
  private static LimitValue amount(long amount) {
    return LimitValue.newBuilder().setAmount(amount).build();
  }

  private static final StepLimits LIMITS = StepLimits.newBuilder()
      .setCpuLimit(Limit.newBuilder().setHard(amount(30)).setSoft(amount(20)))
      .setCoreLimit(Limit.newBuilder().setSoft(amount(0)))
      .setFileLimit(Limit.newBuilder().setHard(amount(1 << 20)))
      .setStackLimit(Limit.newBuilder().setHard(LimitValue.newBuilder().setUnlimited(true)))
      .build();

  @Test
  void of_softDefaultsToHard_aMissingHardIsKept_unlimitedIsMarked() {
    assertEquals(List.of(new Rlimits.Rlimit(Rlimits.Resource.CPU, 20, 30),
            new Rlimits.Rlimit(Rlimits.Resource.CORE, 0, Rlimits.KEEP),
            new Rlimits.Rlimit(Rlimits.Resource.FSIZE, 1 << 20, 1 << 20),
            new Rlimits.Rlimit(Rlimits.Resource.STACK, Rlimits.UNLIMITED, Rlimits.UNLIMITED)),
        Rlimits.of(LIMITS));
    assertEquals(List.of(), Rlimits.of(StepLimits.getDefaultInstance()));
  }

  @Test
  void prefix_asPrlimitsOptions_andNothingWithoutLimits() {
    assertEquals(List.of("/usr/bin/prlimit", "--cpu=20:30", "--core=0:", "--fsize=1048576:1048576",
        "--stack=unlimited:unlimited", "--"), Rlimits.prefix("/usr/bin/prlimit", Rlimits.of(LIMITS)));
    assertEquals(List.of(), Rlimits.prefix("/usr/bin/prlimit", List.of()));
  }

  @Test
  void triples_resourceIndexSoftHard() {
    assertArrayEquals(new long[] {0, 20, 30, 1, 0, Rlimits.KEEP},
        Rlimits.triples(Rlimits.of(LIMITS).subList(0, 2)));
  }
}
