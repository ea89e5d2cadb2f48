package org.testigo.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.testigo.deployment.Deployment;
import org.testigo.election.Geometry;
import org.testigo.election.TableId;
import org.testigo.state.ElectionState;
import org.testigo.opendata.BundleLayout;
import org.testigo.store.Channel;
import org.testigo.store.ImageSubmission;
import org.testigo.store.StoredEvidence;
import org.testigo.views.EvidenceView;
import org.testigo.views.QuickCountView;

/** The site's source in a running deployment: its state and store, and optionally a published bundle folder. */
public final class DeploymentSource implements SiteSource {
    private final Deployment deployment;
    private final Path bundle;

    /** @param bundle the folder {@code testigo export-data} wrote, or null when none is published */
    public DeploymentSource(Deployment deployment, Path bundle) {
        this.deployment = deployment;
        this.bundle = bundle;
    }

    @Override
    public ElectionState state() {
        return deployment.requireRunning().state();
    }

    @Override
    public Optional<Geometry> geometry() {
        return deployment.geometry();
    }

    @Override
    public List<Evidence> evidence(TableId table) {
        List<Evidence> out = new ArrayList<>();
        for (StoredEvidence e : deployment.evidence().forTable(table)) {
            String web = null;
            String thumb = null;
            if (e.channel().equals(Channel.IMAGE)) {
                Optional<ImageSubmission> s = deployment.images().byImage(e.sha256Hex());
                if (s.isPresent()) {
                    web = s.get().webSha256();
                    thumb = s.get().thumbnailSha256();
                }
            }
            out.add(new Evidence(e.id(), e.sha256Hex(), e.channel().name(), e.submitter(), e.receivedAt(),
                    e.verification().signature().name().toLowerCase(Locale.ROOT).replace('_', '-'), web, thumb));
        }
        return out;
    }

    @Override
    public Optional<byte[]> image(String sha256Hex) {
        return deployment.images().publicDerivative(sha256Hex);
    }

    @Override
    public Optional<EvidenceView> evidenceDocument(long id) {
        return deployment.evidence().byId(id)
                .map(e -> EvidenceView.of(e, deployment.evidence().blob(e.sha256Hex()).orElseThrow(
                        () -> new IllegalStateException("evidence " + id + " has no stored content " + e.sha256Hex()))));
    }

    /**
     * The bundle as last read, and the time its {@code SHA256SUMS} was written then: each download would
     * otherwise read the sums and look at every file again. A bundle exported into the folder after the
     * server started (the demo does) is seen at the next call.
     */
    private record Read(FileTime sums, Optional<Downloads> downloads) {
    }

    private volatile Read read;

    public Optional<QuickCountView> quickCount() {
        return deployment.quickCount().map(q -> q.view(state()));
    }

    @Override
    public long quickCountVersion() {
        // The reveal loads the quick count anew (same check-ins, now with its seed): the low bit tells them apart.
        return deployment.loadedQuickCount().map(q -> q.version() * 2 + (q.stored().revealedAt() == null ? 0 : 1)).orElse(-1L);
    }

    @Override
    public Optional<Downloads> downloads() {
        if (bundle == null) {
            return Optional.empty();
        }
        try {
            Path sums = bundle.resolve(BundleLayout.SUMS);
            FileTime stamp = Files.isRegularFile(sums) ? Files.getLastModifiedTime(sums) : null;
            Read r = read;
            if (r == null || !java.util.Objects.equals(r.sums, stamp)) {
                r = new Read(stamp, Downloads.read(bundle));
                read = r;
            }
            return r.downloads;
        } catch (IOException e) {
            throw new UncheckedIOException("the open-data bundle in " + bundle + " cannot be read", e);
        }
    }

    @Override
    public String downloadsStamp() {
        if (bundle == null) {
            return "";
        }
        try {
            Path sums = bundle.resolve(BundleLayout.SUMS);
            return Files.isRegularFile(sums) ? Long.toString(Files.getLastModifiedTime(sums).toMillis()) : "none";
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
