package org.testigo.site;

import java.util.Optional;
import org.testigo.citizen.ActaCheckResult;
import org.testigo.citizen.ResultPage;

/**
 * The site's answer to the verify form ({@code POST /verify}, {@code POST /en/verify}): the result, or a
 * refusal, as a page of the site in the form's language. The live server plugs it in with
 * {@code VerifyApi.page(new VerifyResults(site))}.
 */
public final class VerifyResults implements ResultPage {
    private final Site site;

    public VerifyResults(Site site) {
        this.site = site;
    }

    @Override
    public Rendered render(ActaCheckResult result, String language) {
        Language lang = language(language);
        return render(result, language, lang.prefix() + "verify");
    }

    @Override
    public Rendered render(ActaCheckResult result, String language, String path) {
        return new Rendered(RenderedPage.HTML, site.verifyResult(result, language(language), path));
    }

    @Override
    public Optional<Rendered> refusal(int status, String code, String message, String retryAfterSeconds, String language,
            String path) {
        return Optional.of(new Rendered(RenderedPage.HTML, site.refusal(status, code, message, retryAfterSeconds,
                language(language), path)));
    }

    /** English when the form says so; Spanish, the site's default, otherwise. */
    private static Language language(String tag) {
        return Language.EN.tag().equals(tag) ? Language.EN : Language.ES;
    }
}
