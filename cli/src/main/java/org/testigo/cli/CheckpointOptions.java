package org.testigo.cli;

import java.time.Duration;
import org.testigo.deployment.Deployment;
import picocli.CommandLine.Option;

/** How often a serving command signs a checkpoint (serve, demo). */
final class CheckpointOptions {
    @Option(names = "--checkpoint-every", paramLabel = "DURATION", defaultValue = "5s", converter = LogKeyOptions.DurationConverter.class,
            description = "How often to sign a checkpoint while the log grows (default: ${DEFAULT-VALUE}).")
    Duration every;

    /** Starts signing checkpoints while the log grows. */
    void start(Deployment deployment) {
        deployment.transparency().ifPresent(log -> log.startCheckpointing(every));
    }
}
