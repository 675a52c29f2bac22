package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.StartStepRequest;

/** A {@link StartdClient} whose calls stay pending until the test completes them. */
final class FakeStartdClient implements StartdClient {
  record Call<R>(String address, R request, CompletableFuture<Void> answer) {}

  final List<Call<StartStepRequest>> starts = new ArrayList<>();
  final List<Call<CancelStepRequest>> cancels = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> startStep(String address, StartStepRequest request) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    starts.add(new Call<>(address, request, answer));
    return answer;
  }

  @Override
  public synchronized CompletableFuture<Void> cancelStep(String machine, String address, CancelStepRequest request) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    cancels.add(new Call<>(machine + "@" + address, request, answer));
    return answer;
  }
}
