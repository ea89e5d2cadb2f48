package org.testigo.site;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.testigo.citizen.ActaCheckResult;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.consolidation.Version;
import org.testigo.deployment.Deployment;
import org.testigo.election.Ballot;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.Geometry;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;
import org.testigo.election.PollingTable;
import org.testigo.election.TableId;
import org.testigo.opendata.Manifest;
import org.testigo.site.Models.Bulletin;
import org.testigo.site.Models.ChildRow;
import org.testigo.site.Models.Crumb;
import org.testigo.site.Models.DownloadRow;
import org.testigo.site.Models.EvidenceRow;
import org.testigo.site.Models.FigureRow;
import org.testigo.site.Models.Legend;
import org.testigo.site.Models.Summary;
import org.testigo.site.Models.VersionBlock;
import org.testigo.site.Models.VoteRow;
import org.testigo.state.ElectionState;
import org.testigo.tally.Tally;
import org.testigo.totals.CandidateVotes;
import org.testigo.totals.Certainty;
import org.testigo.totals.NodeTotals;
import org.testigo.views.ElectionView;
import org.testigo.views.Json;
import org.testigo.views.ResultsView;
import org.testigo.views.TableView;

/**
 * The public site of an election, rendered to bytes: pages in every language, their JSON documents, the
 * content-named assets and the acta images. The live server and the static mirror both render through
 * this class, so a mirror serves the very bytes the server does. Every page is a pure function of the
 * {@link SiteSource}: no clock, no request, no randomness enters the bytes.
 *
 * <p>Paths are relative to the site root, without a leading slash: {@code index.html},
 * {@code en/place/01.html}, {@code table/010113042.01.html}, {@code api/v1/results/01.json},
 * {@code assets/site.3f2a9c1b0d.css}, {@code images/<sha256>.web.jpg}, {@code data/SHA256SUMS}.
 */
public final class Site {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** An evidence id as its document's file name has it: a positive decimal, no sign, no leading zero. */
    private static final Pattern EVIDENCE_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Map<String, RenderedPage> ASSETS = loadAssets();

    private final SiteSource source;
    private final Mirror mirror;
    private volatile Index index;
    private final LatestAudit audit;
    private final Versions versions = new Versions();

    public Site(SiteSource source) {
        this(source, LatestAudit.DEFAULT_SPACING, null);
    }

    /** @param auditSpacing the least time between two audits computed in the background (tests: zero) */
    Site(SiteSource source, java.time.Duration auditSpacing) {
        this(source, auditSpacing, null);
    }

    private Site(SiteSource source, java.time.Duration auditSpacing, Mirror mirror) {
        this.source = source;
        this.audit = new LatestAudit(auditSpacing);
        this.mirror = mirror;
    }

    /**
     * Where a static mirror differs from the live server: nothing answers a POST there, so the find and
     * verify pages cannot post a form. Every other file is the same bytes.
     *
     * @param roll whether the mirror publishes the roll's shards under {@code roll/} (then find.html looks
     *     an id up in the browser with {@code find-mirror.js}); without them the page says lookups need the
     *     live site
     */
    public record Mirror(boolean roll) {
    }

    /**
     * The same site as a static mirror renders it ({@code testigo export-site}): find.html and verify.html
     * do not post to a server (see {@link Mirror}); every other file is byte for byte the live server's.
     */
    public Site mirror(Mirror options) {
        return new Site(source, LatestAudit.DEFAULT_SPACING, options);
    }

    /** The mirror options this site renders for; empty for the live server. */
    public Optional<Mirror> mirrorOptions() {
        return Optional.ofNullable(mirror);
    }

    /** The site of a running deployment, without a published bundle. */
    public static Site of(Deployment deployment) {
        return new Site(new DeploymentSource(deployment, null));
    }

    /** The site of a running deployment whose open-data bundle was written to {@code bundle}. */
    public static Site of(Deployment deployment, Path bundle) {
        return new Site(new DeploymentSource(deployment, bundle));
    }

    /**
     * Changes when an open-data bundle is published into the folder the site lists (the downloads pages
     * show it; the state's {@link #version()} does not move then). Empty without a bundle folder.
     */
    public String downloadsStamp() {
        return source.downloadsStamp();
    }

    /** Changes whenever what the pages show may have changed: a validator for caches. */
    public long version() {
        return versions.of(source.state().version(), source.quickCountVersion(), audit.generation());
    }

    /**
     * One number that moves whenever any of the things pages are rendered from moves: the state, the quick
     * count (check-ins do not move the state) and the audit shown (computed in the background).
     */
    private static final class Versions {
        private record Stamp(long state, long quickCount, long audit, long generation) {
        }

        // Lock-free: every page request asks, from many threads at once, and the answer rarely changes.
        private final java.util.concurrent.atomic.AtomicReference<Stamp> stamp =
                new java.util.concurrent.atomic.AtomicReference<>(new Stamp(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0));

        long of(long state, long quickCount, long audit) {
            while (true) {
                Stamp now = stamp.get();
                if (now.state == state && now.quickCount == quickCount && now.audit == audit) {
                    return now.generation;
                }
                Stamp next = new Stamp(state, quickCount, audit, now.generation + 1);
                if (stamp.compareAndSet(now, next)) {
                    return next.generation;
                }
            }
        }
    }

    /** The audit the site shows: computed once, then refreshed in the background, never for each render. */
    Optional<org.testigo.analysis.audit.AuditReport> audit() {
        return audit.report(source.state());
    }

    /** The background refresh of the audit under way, if any (tests wait on it instead of sleeping). */
    java.util.concurrent.CompletableFuture<Void> auditRefreshing() {
        return audit.refreshing();
    }

    /** Renders the file at {@code path}; empty when the site has no such file. */
    public Optional<RenderedPage> render(String path) {
        return render(path, Map.of());
    }

    /**
     * Renders the file at {@code path} with the live server's query parameters. Only {@code find.html}
     * reads one: {@code e} ({@code unknown}, {@code malformed} or {@code limited}), the outcome of a
     * lookup to show; any other value, and every other parameter, is ignored.
     */
    public Optional<RenderedPage> render(String path, Map<String, String> query) {
        if (path.startsWith("assets/")) {
            return Optional.ofNullable(ASSETS.get(path));
        }
        if (path.startsWith("images/")) {
            return image(path);
        }
        if (path.equals(QuickCountPages.SAMPLE_LIST)) {
            return source.quickCount().filter(q -> q.sample().document() != null)
                    .map(q -> new RenderedPage(path, RenderedPage.TEXT, q.sample().document().getBytes(StandardCharsets.UTF_8), false));
        }
        if (path.startsWith("api/v1/")) {
            return json(path.substring("api/v1/".length())).map(b -> new RenderedPage(path, RenderedPage.JSON, b, false));
        }
        if (path.startsWith("data/")) {
            return Optional.empty(); // files, not renderings: see download(path)
        }
        Language.Split split = Language.split(path).orElseThrow();
        return page(split.language(), split.page(), query).map(b -> new RenderedPage(path, RenderedPage.HTML, b, false));
    }

    /** Every page of the site, in every language. */
    public Stream<String> pages() {
        Election e = source.state().election();
        Geography geo = e.geography();
        List<String> fixed = List.of("index.html", "map.html", "find.html", "verify.html", "downloads.html", "quickcount.html", "audit.html");
        return Stream.of(Language.values()).flatMap(l -> Stream.concat(Stream.concat(
                fixed.stream(),
                geo.nodes().stream().map(n -> "place/" + n.code() + ".html")),
                geo.tables().stream().map(t -> "table/" + t.id().value() + ".html")).map(p -> l.prefix() + p));
    }

    /**
     * Every JSON document of the site (the file-like aliases of the read API), with the quick count's once a
     * sample is committed (and its revealed list, {@code api/v1/quickcount/sample.txt}) and the audit's once a
     * tally is accepted.
     */
    public Stream<String> documents() {
        ElectionState state = source.state();
        Geography geo = state.election().geography();
        List<String> analyses = new ArrayList<>();
        source.quickCount().ifPresent(q -> {
            analyses.add(QuickCountPages.JSON);
            if (q.sample().document() != null) {
                analyses.add(QuickCountPages.SAMPLE_LIST);
            }
        });
        if (state.totals(0).tables().counted() > 0) {
            analyses.add(AuditPages.JSON);
        }
        return Stream.concat(Stream.concat(Stream.concat(Stream.concat(Stream.of("api/v1/election.json", "api/v1/results.json"),
                geo.nodes().stream().map(n -> "api/v1/results/" + n.code() + ".json")),
                geo.tables().stream().map(t -> "api/v1/tables/" + t.id().value() + ".json")),
                evidenceDocuments()), analyses.stream());
    }

    /** The evidence documents the table pages link to ({@code api/v1/evidence/<id>.json}). */
    private Stream<String> evidenceDocuments() {
        ElectionState state = source.state();
        Geography geo = state.election().geography();
        return IntStream.range(0, geo.tableCount())
                .filter(t -> state.consolidation(t).received())
                .boxed()
                .flatMap(t -> source.evidence(geo.table(t).id()).stream())
                .map(ev -> "api/v1/evidence/" + ev.id() + ".json")
                .distinct();
    }

    /** The assets every page uses, by path ({@code assets/site.<hash>.css}); immutable. */
    public Map<String, RenderedPage> assets() {
        return ASSETS;
    }

    /** The acta images the table pages show ({@code images/<sha256>.web.jpg} and {@code .thumb.jpg}). */
    public Stream<String> images() {
        ElectionState state = source.state();
        Geography geo = state.election().geography();
        return IntStream.range(0, geo.tableCount())
                .filter(t -> state.consolidation(t).versions().stream().flatMap(v -> v.copies().stream())
                        .anyMatch(c -> c.channel().equals("image")))
                .boxed()
                .flatMap(t -> source.evidence(geo.table(t).id()).stream())
                .flatMap(ev -> Stream.of(ev.webImage() == null ? null : "images/" + ev.webImage() + ".web.jpg",
                        ev.thumbnail() == null ? null : "images/" + ev.thumbnail() + ".thumb.jpg"))
                .filter(p -> p != null)
                .distinct();
    }

    /** A file of the published open-data bundle, by its site path ({@code data/SHA256SUMS}); only files the bundle lists. */
    public Optional<Path> download(String path) {
        if (!path.startsWith("data/")) {
            return Optional.empty();
        }
        return source.downloads().flatMap(d -> d.file(path.substring("data/".length())));
    }

    // ---- the answers of the verify form (live server only: a mirror has no form to answer)

    /**
     * The answer to "verify my acta" as a page in {@code lang}, for a form posted to {@code path}
     * ({@code verify} or {@code en/verify}), where the page's relative links start. Everything the citizen
     * sent (the QR text, a table id inside it) is escaped by the template like any other text.
     */
    public byte[] verifyResult(ActaCheckResult result, Language lang, String path) {
        ElectionState state = source.state();
        Frame f = frameAt(lang, state, path, "verify.html", Messages.of(lang).t("verify.title"));
        Geography geo = state.election().geography();
        String table = result.table();
        boolean known = table != null && table(geo, table).isPresent();
        String tableHref = known ? f.table(table) : null;
        String tableStatus = known && result.tableStatus() != null && f.m().keys().contains("status." + result.tableStatus())
                ? f.t("status." + result.tableStatus()) : null;
        String heading;
        String lead;
        switch (result.outcome()) {
            case MATCH -> {
                heading = f.t("verify.match.heading");
                lead = f.t("verify.match.lead", table);
            }
            case MISMATCH -> {
                heading = f.t("verify.mismatch.heading");
                lead = f.t("verify.mismatch.lead", f.n().count(result.differences().size()), table);
            }
            case NOT_YET_PUBLISHED -> {
                heading = f.t("verify.nyp.heading");
                lead = f.t("verify.nyp.lead", table);
            }
            case UNREADABLE -> {
                heading = f.t("verify.unreadable.heading");
                lead = f.t("verify.unreadable.lead");
            }
            case INVALID -> {
                heading = f.t("verify.invalid.heading");
                lead = f.t("verify.invalid.lead");
            }
            default -> throw new IllegalStateException("no page for the outcome " + result.outcome());
        }
        List<Models.IssueRow> problems = result.problems().stream()
                .map(p -> new Models.IssueRow(p.code(), p.field(), p.message())).toList();
        Long evidence = result.evidenceId();
        return render("verify-result.jte", new Models.VerifyResultPage(f, result.outcome().label(), heading, lead, table,
                tableHref, tableStatus, result.published() != null, compare(f, result, state.election().ballot()),
                result.differences().size(), problems, result.payloads(), evidence,
                evidence == null ? null : f.to("api/v1/evidence/" + evidence + ".json"), result.duplicate(), result.imageId(),
                f.page("verify.html")));
    }

    /**
     * A refused verify form as a page in {@code lang}: what happened in the page's words, then the server's
     * precise message (which may quote what was sent: the template escapes it).
     *
     * @param retryAfterSeconds the Retry-After the answer carries (429, 503), or null
     */
    public byte[] refusal(int status, String code, String message, String retryAfterSeconds, Language lang, String path) {
        ElectionState state = source.state();
        Frame f = frameAt(lang, state, path, "verify.html", Messages.of(lang).t("verify.title"));
        String key = "refusal." + status;
        String heading = f.m().keys().contains(key) ? f.t(key) : f.t("refusal.other");
        String retry = retryAfterSeconds == null ? null : f.t("refusal.retry", retryAfterSeconds);
        return render("refusal.jte", new Models.RefusalPage(f, status, heading, message, code, retry, f.page("verify.html")));
    }

    /**
     * Every number the acta states beside the published one (when there is one), in ballot order, each
     * marked when the engine found it different: candidates, cards, null and blank votes, then the further
     * counters that differ.
     */
    private static List<Models.CompareRow> compare(Frame f, ActaCheckResult result, Ballot ballot) {
        TableView.TallyView acta = result.acta();
        TableView.TallyView published = result.published();
        List<Models.CompareRow> rows = new ArrayList<>();
        if (acta == null) {
            return rows;
        }
        java.util.Set<String> differs = new java.util.HashSet<>();
        for (ActaCheckResult.Difference d : result.differences()) {
            differs.add(d.field() + ":" + d.id());
        }
        Numbers n = f.n();
        for (TableView.CandidateCount c : acta.candidates()) {
            String p = published == null ? null : published.candidates().stream().filter(x -> x.id().equals(c.id()))
                    .findFirst().map(x -> n.count(x.votes())).orElse("");
            rows.add(new Models.CompareRow(c.name(), n.count(c.votes()), p, differs.contains("candidate:" + c.id())));
        }
        for (TableView.CardCount c : acta.cards()) {
            String p = published == null ? null : published.cards().stream().filter(x -> x.id().equals(c.id()))
                    .findFirst().map(x -> n.count(x.votes())).orElse("");
            rows.add(new Models.CompareRow(c.name(), n.count(c.votes()), p, differs.contains("card:" + c.id())));
        }
        rows.add(new Models.CompareRow(f.t("verify.field.null"), n.count(acta.nullVotes()),
                published == null ? null : n.count(published.nullVotes()), differs.contains("null:null")));
        if (ballot.blank() || acta.blank() != 0 || (published != null && published.blank() != 0)) {
            rows.add(new Models.CompareRow(f.t("verify.field.blank"), n.count(acta.blank()),
                    published == null ? null : n.count(published.blank()), differs.contains("blank:blank")));
        }
        for (ActaCheckResult.Difference d : result.differences()) {
            if (d.field().equals("counter")) {
                rows.add(new Models.CompareRow(d.name(), n.count(d.acta()), n.count(d.published()), true));
            }
        }
        return rows;
    }

    // ---- JSON: the same bytes as the read API's extension-less documents

    private Optional<byte[]> json(String rest) {
        ElectionState state = source.state();
        Election e = state.election();
        Geography geo = e.geography();
        if (rest.equals("election.json")) {
            return Optional.of(Json.bytes(ElectionView.of(e, state.rule().confirmations())));
        }
        if (rest.equals("results.json")) {
            return Optional.of(Json.bytes(ResultsView.of(state, 0)));
        }
        if (rest.equals("quickcount.json")) {
            return source.quickCount().map(Json::bytes);
        }
        if (rest.equals("audit.json")) {
            return audit().map(Json::bytes);
        }
        if (rest.startsWith("results/") && rest.endsWith(".json")) {
            String code = rest.substring("results/".length(), rest.length() - ".json".length());
            return geo.nodeIndex(code).filter(n -> n > 0).map(n -> Json.bytes(ResultsView.of(state, n)));
        }
        if (rest.startsWith("tables/") && rest.endsWith(".json")) {
            String id = rest.substring("tables/".length(), rest.length() - ".json".length());
            return table(geo, id).map(t -> Json.bytes(TableView.of(state, t)));
        }
        if (rest.startsWith("evidence/") && rest.endsWith(".json")) {
            String id = rest.substring("evidence/".length(), rest.length() - ".json".length());
            if (!EVIDENCE_ID.matcher(id).matches()) {
                return Optional.empty();
            }
            return source.evidenceDocument(Long.parseLong(id)).map(Json::bytes);
        }
        return Optional.empty();
    }

    private static Optional<Integer> table(Geography geo, String id) {
        return TableId.isValid(id) ? geo.tableIndex(new TableId(id)) : Optional.empty();
    }

    // ---- images

    private Optional<RenderedPage> image(String path) {
        String name = path.substring("images/".length());
        String sha;
        if (name.endsWith(".web.jpg")) {
            sha = name.substring(0, name.length() - ".web.jpg".length());
        } else if (name.endsWith(".thumb.jpg")) {
            sha = name.substring(0, name.length() - ".thumb.jpg".length());
        } else {
            return Optional.empty();
        }
        if (!SHA256.matcher(sha).matches()) {
            return Optional.empty();
        }
        return source.image(sha).map(b -> new RenderedPage(path, RenderedPage.JPEG, b, true));
    }

    // ---- pages

    private Optional<byte[]> page(Language lang, String page, Map<String, String> query) {
        ElectionState state = source.state();
        Index idx = index(state.election());
        Geography geo = state.election().geography();
        return switch (page) {
            case "index.html" -> Optional.of(render("home.jte", home(lang, state, idx)));
            case "map.html" -> Optional.of(render("map.jte", map(lang, state)));
            case "find.html" -> Optional.of(mirror != null ? render("find-mirror.jte", mirrorFind(lang, state))
                    : render("find.jte", find(lang, state, query.get("e"))));
            case "verify.html" -> Optional.of(mirror != null
                    ? render("verify-mirror.jte", new Models.MirrorVerifyPage(frame(lang, state, "verify.html", Messages.of(lang).t("verify.title"))))
                    : render("verify.jte", new Models.VerifyPage(frame(lang, state, "verify.html",
                    Messages.of(lang).t("verify.title")), lang == Language.ES ? "./verify" : "../verify")));
            case "downloads.html" -> Optional.of(render("downloads.jte", downloads(lang, state)));
            case "quickcount.html" -> Optional.of(render("quickcount.jte", QuickCountPages.page(frame(lang, state, "quickcount.html",
                    Messages.of(lang).t("qc.title")), state.election().ballot(), source.quickCount(), assetPath("live", "js"))));
            case "audit.html" -> Optional.of(render("audit.jte", AuditPages.page(frame(lang, state, "audit.html",
                    Messages.of(lang).t("audit.title")), state.election(), audit())));
            default -> {
                if (page.startsWith("place/") && page.endsWith(".html")) {
                    String code = page.substring("place/".length(), page.length() - ".html".length());
                    yield geo.nodeIndex(code).filter(n -> n > 0).map(n -> render("place.jte", place(lang, state, idx, n)));
                }
                if (page.startsWith("table/") && page.endsWith(".html")) {
                    String id = page.substring("table/".length(), page.length() - ".html".length());
                    yield table(geo, id).map(t -> render("table.jte", table(lang, state, t)));
                }
                yield Optional.empty();
            }
        };
    }

    private static byte[] render(String template, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        TEMPLATES.render(template, model, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Frame frame(Language lang, ElectionState state, String page, String title) {
        return frameAt(lang, state, lang.prefix() + page, page, title);
    }

    /** A frame for an answer served at {@code path} (a route, not a file) that stands for {@code page}. */
    private Frame frameAt(Language lang, ElectionState state, String path, String page, String title) {
        Messages m = Messages.of(lang);
        return new Frame(lang, m, new Numbers(lang), path, page, title, state.election().name(), cssPath(), jsPath());
    }

    private Models.HomePage home(Language lang, ElectionState state, Index idx) {
        Frame f = frame(lang, state, "index.html", Messages.of(lang).t("home.title"));
        Summary nation = summary(f, state, 0);
        String lastUpdate = state.lastReceivedAt().map(f.n()::time).orElse(f.t("home.no-update"));
        Election e = state.election();
        List<Bulletin> bulletins = new ArrayList<>();
        for (OfficialBulletin b : e.official()) {
            bulletins.add(bulletin(f, b, nation.totals(), e.ballot()));
        }
        return new Models.HomePage(f, nation, chart(f, nation), lastUpdate, bulletins, children(f, state, 0),
                level(f, e, 0), source.geometry().isPresent());
    }

    private Models.MapPage map(Language lang, ElectionState state) {
        Frame f = frame(lang, state, "map.html", Messages.of(lang).t("map.title"));
        Election e = state.election();
        Geography geo = e.geography();
        Optional<Geometry> geometry = source.geometry();
        List<Legend> legend = new ArrayList<>();
        String svg = null;
        Map<String, String> colours = colours(e.ballot());
        if (geometry.isPresent()) {
            List<Svg.Area> areas = new ArrayList<>();
            java.util.Set<String> leaders = new java.util.TreeSet<>();
            for (int c : geo.children(0)) {
                NodeTotals t = state.totals(c);
                String href = f.place(t.code());
                if (t.valid() == 0) {
                    areas.add(new Svg.Area(t.code(), href, "#cccccc", 1, f.t("map.area-empty", t.name())));
                } else {
                    CandidateVotes leader = leader(t);
                    leaders.add(leader.id());
                    areas.add(new Svg.Area(t.code(), href, colours.get(leader.id()), opacity(leader.share()),
                            f.t("map.area", t.name(), leader.name(), f.n().percent(leader.share()))));
                }
            }
            svg = Svg.map(geometry.get(), areas, f.t("map.title"));
            for (int i = 0; i < e.ballot().candidates().size(); i++) {
                if (leaders.contains(e.ballot().candidates().get(i).id())) {
                    legend.add(new Legend(colours.get(e.ballot().candidates().get(i).id()), e.ballot().candidates().get(i).name(), "1"));
                }
            }
            for (double share : new double[] {0.4, 0.55, 0.7, 0.85}) {
                legend.add(new Legend("#555555", f.t("map.share-from", f.n().percent(share)), String.format(java.util.Locale.ROOT, "%.2f", opacity(share))));
            }
        }
        return new Models.MapPage(f, svg, legend, children(f, state, 0), level(f, e, 0));
    }

    /** Deeper colour for a larger lead share: 40 % and below faint, 85 % and above full. */
    private static double opacity(double share) {
        return Math.max(0.3, Math.min(1, 0.3 + (share - 0.4) / 0.45 * 0.7));
    }

    private Models.PlacePage place(Language lang, ElectionState state, Index idx, int node) {
        Election e = state.election();
        Geography geo = e.geography();
        NodeTotals t = state.totals(node);
        Frame f = frame(lang, state, "place/" + t.code() + ".html", t.name());
        List<Crumb> crumbs = crumbs(f, geo, geo.parent(node));
        Summary s = summary(f, state, node);
        List<ChildRow> tables = new ArrayList<>();
        for (int ti : idx.tablesByNode.getOrDefault(node, List.of())) {
            tables.add(tableRow(f, state, ti));
        }
        return new Models.PlacePage(f, t.code(), levelName(f, e, geo.node(node).level()), crumbs, s, chart(f, s),
                children(f, state, node), level(f, e, node), tables, f.to("api/v1/results/" + t.code() + ".json"));
    }

    private Models.TablePage table(Language lang, ElectionState state, int ti) {
        Election e = state.election();
        Geography geo = e.geography();
        PollingTable table = geo.table(ti);
        String id = table.id().value();
        Frame f = frame(lang, state, "table/" + id + ".html", f0(lang).t("table.title", id));
        TableConsolidation c = state.consolidation(ti);
        List<Crumb> crumbs = crumbs(f, geo, geo.tableNode(ti));
        Numbers n = f.n();
        Ballot ballot = e.ballot();
        List<VoteRow> candidates = new ArrayList<>();
        List<VoteRow> cards = new ArrayList<>();
        String valid = "";
        String nulls = "";
        String blanks = "";
        Tally accepted = c.accepted();
        if (accepted != null) {
            for (int i = 0; i < ballot.candidates().size(); i++) {
                candidates.add(new VoteRow(ballot.candidates().get(i).name(), n.count(accepted.candidates().get(i))));
            }
            for (int i = 0; i < accepted.cards().size() && i < ballot.cards().size(); i++) {
                cards.add(new VoteRow(ballot.cards().get(i).name(), n.count(accepted.cards().get(i))));
            }
            valid = n.count(accepted.valid());
            nulls = n.count(accepted.nullVotes());
            blanks = n.count(accepted.blankVotes());
        }
        List<VersionBlock> versions = new ArrayList<>();
        if (c.versions().size() > 1) {
            int number = 1;
            for (Version v : c.versions()) {
                List<VoteRow> rows = new ArrayList<>();
                for (int i = 0; i < ballot.candidates().size(); i++) {
                    rows.add(new VoteRow(ballot.candidates().get(i).name(), n.count(v.tally().candidates().get(i))));
                }
                versions.add(new VersionBlock(number++, v.independentCopies(), rows, n.count(v.tally().nullVotes()),
                        n.count(v.tally().blankVotes())));
            }
        }
        List<EvidenceRow> evidence = new ArrayList<>();
        String image = null;
        String thumbnail = null;
        if (c.received()) {
            for (SiteSource.Evidence ev : source.evidence(table.id())) {
                evidence.add(new EvidenceRow(ev.id(), n.time(ev.receivedAt()), ev.channel(), ev.submitter(),
                        f.t("signature." + ev.signature()), ev.sha256(), f.to("api/v1/evidence/" + ev.id() + ".json")));
                if (image == null && ev.webImage() != null) {
                    image = f.to("images/" + ev.webImage() + ".web.jpg");
                    thumbnail = ev.thumbnail() == null ? null : f.to("images/" + ev.thumbnail() + ".thumb.jpg");
                }
            }
        }
        String status = c.status() == TableStatus.CONFLICTED ? "conflicted" : c.status().label();
        return new Models.TablePage(f, id, crumbs, status, f.t("status." + status), f.t("basis." + c.basis().label()),
                c.explanation(), table.registered() == PollingTable.UNKNOWN ? f.t("unknown") : n.count(table.registered()),
                candidates, cards, valid, nulls, blanks, ballot.blank(), versions, evidence, image, thumbnail,
                f.to("api/v1/tables/" + id + ".json"), state.incidents(ti).stream()
                        .map(i -> new Models.IncidentRow(f.t("incident." + i.type()), n.time(i.at()))).toList());
    }

    private static Messages f0(Language lang) {
        return Messages.of(lang);
    }

    private Models.FindPage find(Language lang, ElectionState state, String e) {
        Frame f = frame(lang, state, "find.html", Messages.of(lang).t("find.title"));
        String error = e == null ? null : switch (e) {
            case "unknown", "malformed", "limited", "noroll" -> f.t("find.error." + e);
            default -> null;
        };
        return new Models.FindPage(f, lang == Language.ES ? "./find" : "../find", error);
    }

    /** The mirror's find page: a lookup in the browser over the roll's shards, or word that it needs the live site. */
    private Models.MirrorFindPage mirrorFind(Language lang, ElectionState state) {
        Frame f = frame(lang, state, "find.html", Messages.of(lang).t("find.title"));
        if (!mirror.roll()) {
            return new Models.MirrorFindPage(f, null, null, null);
        }
        // Relative to the page, as find-mirror.js resolves them: the shards at the site's root; the table
        // pages of the page's own language are always beside it in table/ (find.html, en/find.html).
        return new Models.MirrorFindPage(f, f.to("roll/"), "./table/", f.to(assetPath("find-mirror", "js")));
    }

    private Models.DownloadsPage downloads(Language lang, ElectionState state) {
        Frame f = frame(lang, state, "downloads.html", Messages.of(lang).t("downloads.title"));
        Optional<Downloads> d = source.downloads();
        if (d.isEmpty()) {
            return new Models.DownloadsPage(f, false, List.of(), null);
        }
        // Folders of many files (evidence, images, log tiles) are summed up: SHA256SUMS lists each of them.
        Map<String, long[]> groups = new TreeMap<>();
        List<DownloadRow> rows = new ArrayList<>();
        for (Map.Entry<String, Downloads.File> file : new TreeMap<>(d.get().files()).entrySet()) {
            String path = file.getKey();
            String group = path.startsWith("evidence/") ? "evidence/" : path.startsWith("images/") ? "images/"
                    : path.startsWith("log/tile/") ? "log/tile/" : null;
            if (group != null) {
                long[] g = groups.computeIfAbsent(group, k -> new long[2]);
                g[0]++;
                g[1] += file.getValue().size();
            } else {
                rows.add(new DownloadRow(f.to("data/" + path), path, size(f, file.getValue().size()), file.getValue().sha256(), 1));
            }
        }
        groups.forEach((g, v) -> rows.add(new DownloadRow(null, g, size(f, v[1]), null, v[0])));
        return new Models.DownloadsPage(f, true, rows, f.to("data/" + org.testigo.opendata.BundleLayout.SUMS));
    }

    private static String size(Frame f, long bytes) {
        if (bytes < 10_000) {
            return f.t("size.bytes", f.n().count(bytes));
        }
        if (bytes < 10_000_000) {
            return f.t("size.kb", f.n().decimal(bytes / 1000.0, 0));
        }
        return f.t("size.mb", f.n().decimal(bytes / 1_000_000.0, 1));
    }

    // ---- parts

    private Summary summary(Frame f, ElectionState state, int node) {
        NodeTotals t = state.totals(node);
        List<CandidateVotes> ranked = new ArrayList<>(t.candidates());
        ranked.sort((a, b) -> Long.compare(b.votes(), a.votes())); // stable: ballot order breaks ties
        String leaderName = name(t, t.lead().leader());
        String runnerUp = name(t, t.lead().runnerUp());
        return new Summary(t, ranked, leaderName, runnerUp, certainty(f, t.certainty(), leaderName, node == 0));
    }

    private static String name(NodeTotals t, String id) {
        return t.candidates().stream().filter(c -> c.id().equals(id)).map(CandidateVotes::name).findFirst().orElse("");
    }

    private String chart(Frame f, Summary s) {
        return Svg.bars(s.ranked(), colours(source.state().election().ballot()), f.n(), f.t("chart.title", s.totals().name()));
    }

    private static Map<String, String> colours(Ballot ballot) {
        Map<String, String> colours = new HashMap<>();
        for (int i = 0; i < ballot.candidates().size(); i++) {
            colours.put(ballot.candidates().get(i).id(), Svg.colour(i));
        }
        return colours;
    }

    /** The certainty rule in words, in the page's language (the API's statement is in English). */
    private static String certainty(Frame f, Certainty c, String leader, boolean nation) {
        Numbers n = f.n();
        String basis = switch (c.basis()) {
            case "registered voters of the tables not counted yet" -> f.t("basis.registered-outstanding");
            case "registered voters minus votes already counted" -> f.t("basis.electorate-minus-counted");
            case "registered voters unknown: the votes still possible cannot be bounded" -> f.t("basis.unbounded");
            default -> c.basis();
        };
        String statement;
        if (c.lead() == 0) {
            statement = f.t("certainty.none");
        } else if (c.outstanding() == Certainty.UNKNOWN) {
            statement = f.t("certainty.unbounded", leader, n.count(c.lead()), basis);
        } else if (c.certain()) {
            statement = f.t("certainty.won", leader, n.count(c.lead()), n.count(c.outstanding()), basis);
        } else {
            statement = f.t("certainty.open", leader, n.count(c.lead()), n.count(c.outstanding()), basis);
        }
        if (nation && c.outstandingOfficial() != Certainty.UNKNOWN && c.lead() > 0) {
            statement += " " + f.t(c.certainByOfficialCount() ? "certainty.official-won" : "certainty.official-open",
                    n.count(c.outstandingOfficial()));
        }
        return statement;
    }

    private Bulletin bulletin(Frame f, OfficialBulletin b, NodeTotals t, Ballot ballot) {
        Numbers n = f.n();
        List<FigureRow> rows = new ArrayList<>();
        long named = 0;
        for (OfficialFigure fig : b.figures()) {
            int ci = ballot.candidateIndex(fig.item());
            if (ci >= 0) {
                named += t.candidates().get(ci).votes();
            }
        }
        for (OfficialFigure fig : b.figures()) {
            int ci = ballot.candidateIndex(fig.item());
            String label;
            String official;
            String collected;
            if (ci >= 0) {
                label = ballot.candidates().get(ci).name();
                official = n.official(fig.value());
                collected = n.count(t.candidates().get(ci).votes());
            } else {
                label = f.t("item." + fig.item());
                boolean percent = fig.item().endsWith("_percent");
                official = percent ? n.percentValue(fig.value()) : n.official(fig.value());
                collected = switch (fig.item()) {
                    case OfficialFigure.VALID -> n.count(t.valid());
                    case OfficialFigure.NULL -> n.count(t.nullVotes());
                    case OfficialFigure.CAST -> n.count(t.cast());
                    case OfficialFigure.OTHERS -> n.count(t.valid() - named);
                    case OfficialFigure.TABLES_PERCENT -> n.percent(t.coverage());
                    case OfficialFigure.TURNOUT_PERCENT -> t.turnout() < 0 ? f.t("unknown") : n.percent(t.turnout());
                    default -> "";
                };
            }
            rows.add(new FigureRow(label, official, collected));
        }
        return new Bulletin(b.id(), b.announced(), b.note(), rows);
    }

    private static CandidateVotes leader(NodeTotals t) {
        return t.candidates().stream().filter(c -> c.id().equals(t.lead().leader())).findFirst().orElseThrow();
    }

    private List<ChildRow> children(Frame f, ElectionState state, int node) {
        Geography geo = state.election().geography();
        List<ChildRow> rows = new ArrayList<>();
        for (int c : geo.children(node)) {
            NodeTotals t = state.totals(c);
            CandidateVotes leader = t.valid() == 0 ? null : leader(t);
            rows.add(new ChildRow(f.place(t.code()), t.name(), t.tables().counted(), t.tables().expected(), t.coverage(), t.valid(),
                    leader == null ? "" : leader.name(), leader == null ? -1 : leader.share(), null));
        }
        return rows;
    }

    private ChildRow tableRow(Frame f, ElectionState state, int ti) {
        Ballot ballot = state.election().ballot();
        TableConsolidation c = state.consolidation(ti);
        String id = c.table().value();
        String status = c.status() == TableStatus.CONFLICTED ? "conflicted" : c.status().label();
        Tally t = c.accepted();
        if (t == null) {
            return new ChildRow(f.table(id), id, 0, 1, 0, 0, "", -1, f.t("status." + status));
        }
        int best = 0;
        for (int i = 1; i < t.candidates().size(); i++) {
            if (t.candidates().get(i) > t.candidates().get(best)) {
                best = i;
            }
        }
        long valid = t.valid();
        return new ChildRow(f.table(id), id, 1, 1, 1, valid, valid == 0 ? "" : ballot.candidates().get(best).name(),
                valid == 0 ? -1 : (double) t.candidates().get(best) / valid, f.t("status." + status));
    }

    private static List<Crumb> crumbs(Frame f, Geography geo, int upTo) {
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(f.page("index.html"), geo.node(0).name()));
        if (upTo > 0) {
            for (int i : geo.path(upTo)) {
                crumbs.add(new Crumb(f.place(geo.code(i)), geo.node(i).name()));
            }
        }
        return crumbs;
    }

    /** The name of the level below {@code node} (what its children are), in the election's own words. */
    private static String level(Frame f, Election e, int node) {
        int below = node == 0 ? 0 : e.geography().node(node).level() + 1;
        return below < e.levels().size() ? levelName(f, e, below) : "";
    }

    private static String levelName(Frame f, Election e, int level) {
        String name = e.levels().get(level);
        String key = "level." + name;
        return f.m().keys().contains(key) ? f.t(key) : name;
    }

    // ---- the static index of tables by node, rebuilt when another election is loaded

    private record Index(Election election, Map<Integer, List<Integer>> tablesByNode) {
    }

    private Index index(Election election) {
        Index i = index;
        if (i == null || i.election != election) {
            Map<Integer, List<Integer>> byNode = new HashMap<>();
            Geography geo = election.geography();
            for (int t = 0; t < geo.tableCount(); t++) {
                byNode.computeIfAbsent(geo.tableNode(t), k -> new ArrayList<>()).add(t);
            }
            i = new Index(election, byNode);
            index = i;
        }
        return i;
    }

    // ---- assets: content-named, so they can be cached for ever

    private static String cssPath() {
        return assetPath("site", "css");
    }

    private static String jsPath() {
        return assetPath("sort", "js");
    }

    private static String assetPath(String name, String ext) {
        for (String p : ASSETS.keySet()) {
            if (p.startsWith("assets/" + name + ".") && p.endsWith("." + ext)) {
                return p;
            }
        }
        throw new IllegalStateException("no asset " + name + "." + ext);
    }

    private static Map<String, RenderedPage> loadAssets() {
        Map<String, RenderedPage> assets = new LinkedHashMap<>();
        for (String[] a : new String[][] {{"site", "css", RenderedPage.CSS}, {"sort", "js", RenderedPage.JS},
                {"live", "js", RenderedPage.JS},
                {"find-mirror", "js", RenderedPage.JS}}) {
            byte[] bytes;
            try (InputStream in = Site.class.getResourceAsStream("assets/" + a[0] + "." + a[1])) {
                if (in == null) {
                    throw new IllegalStateException("asset " + a[0] + "." + a[1] + " is missing from the build");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String path = "assets/" + a[0] + "." + Manifest.sha256Hex(bytes).substring(0, 12) + "." + a[1];
            assets.put(path, new RenderedPage(path, a[2], bytes, true));
        }
        return Collections.unmodifiableMap(assets);
    }
}
