package org.openll.negotiator.cycle;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Qualifies the negotiator's scheduler that runs the cycles. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
public @interface NegotiatorExecutor {}
