package org.omotenashi.survey.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;

/**
 * The guest page as plain HTML: one form, a fieldset and legend per question, radio buttons for scales,
 * no script. Every piece of data passes through {@link Html#escape}.
 */
final class GuestPageView {
    /** High-contrast, large tap targets, visible focus; fits a phone without zooming. */
    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
            + "margin:0;background:#fff;color:#1a1a1a;line-height:1.5;font-size:1.05rem}"
            + "main{max-width:40rem;margin:0 auto;padding:1rem}"
            + "h1{font-size:1.6rem;margin:.5rem 0 1rem}"
            + "fieldset{border:1px solid #6b6b6b;border-radius:.4rem;margin:0 0 1.25rem;padding:.75rem 1rem}"
            + "legend{font-weight:600;padding:0 .25rem}"
            + ".hint{color:#3d3d3d;font-size:.95rem;margin:.25rem 0 .5rem}"
            + ".scale{display:flex;flex-wrap:wrap;gap:.4rem}"
            + ".scale label{display:inline-flex;align-items:center;gap:.3rem;min-width:2.75rem;min-height:2.75rem;"
            + "padding:0 .6rem;border:1px solid #6b6b6b;border-radius:.4rem;cursor:pointer}"
            + "input[type=radio]{width:1.25rem;height:1.25rem;margin:0}"
            + "textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #6b6b6b;border-radius:.4rem}"
            + "button{font:inherit;font-weight:600;background:#0b4f8a;color:#fff;border:0;border-radius:.4rem;"
            + "padding:.75rem 1.5rem;min-height:2.75rem;cursor:pointer}"
            + ":focus-visible{outline:3px solid #b35900;outline-offset:2px}"
            + ".error{color:#a00000;font-weight:600;margin:.25rem 0}"
            + ".summary{border:3px solid #a00000;padding:.75rem 1rem;margin-bottom:1.25rem;border-radius:.4rem}"
            + ".summary a{color:#a00000}";

    private GuestPageView() {
    }

    /**
     * @param given    the answers as the guest sent them, kept when the page comes back with a message
     * @param problems question keys the guest must look at again, with the message to show
     */
    static String form(GuestForm form, String action, Map<String, String> given, Map<String, String> problems) {
        PageTexts t = PageTexts.of(form.language());
        StringBuilder html = start(t, (problems.isEmpty() ? "" : t.errorSummary() + " – ") + t.title());
        html.append("<h1>").append(Html.escape(t.title())).append("</h1>\n");
        if (!problems.isEmpty()) {
            html.append("<div class=\"summary\" role=\"alert\" aria-labelledby=\"summary-title\">\n<h2 id=\"summary-title\">")
                    .append(Html.escape(t.errorSummary())).append("</h2>\n<ul>\n");
            for (Question q : form.survey().questions()) {
                if (problems.containsKey(q.key())) {
                    html.append("<li><a href=\"#").append(Html.escape(firstInput(q))).append("\">")
                            .append(Html.escape(q.text(form.language()))).append("</a></li>\n");
                }
            }
            html.append("</ul>\n</div>\n");
        }
        html.append("<p>").append(Html.escape(t.intro())).append("</p>\n");
        html.append("<form method=\"post\" action=\"").append(Html.escape(action))
                .append("\" accept-charset=\"UTF-8\" novalidate>\n");
        for (Question q : form.survey().questions()) {
            question(html, q, form, t, given.get(q.key()), problems.get(q.key()));
        }
        html.append("<button type=\"submit\">").append(Html.escape(t.submit())).append("</button>\n</form>\n");
        return end(html);
    }

    private static void question(StringBuilder html, Question q, GuestForm form, PageTexts t, String given, String problem) {
        String id = "q-" + q.key();
        String hint = t.scaleHint(q.type());
        StringBuilder describedBy = new StringBuilder();
        if (hint != null) {
            describedBy.append(id).append("-hint");
        }
        if (problem != null) {
            describedBy.append(describedBy.length() > 0 ? " " : "").append(id).append("-error");
        }
        String legend = Html.escape(q.text(form.language())) + " <span class=\"hint\">"
                + Html.escape(q.required() ? t.required() : t.optional()) + "</span>";
        if (q.type() == QuestionType.TEXT) {
            html.append("<div class=\"question\">\n<label for=\"").append(id).append("\"><strong>").append(legend)
                    .append("</strong></label>\n");
            error(html, id, problem);
            html.append("<textarea id=\"").append(id).append("\" name=\"").append(Html.escape(q.key()))
                    .append("\" maxlength=\"").append(SurveyRules.ANSWER_TEXT).append('"');
            aria(html, describedBy, problem, q.required());
            html.append('>').append(Html.escape(given)).append("</textarea>\n</div>\n<p></p>\n");
            return;
        }
        html.append("<fieldset id=\"").append(id).append("-set\"");
        if (describedBy.length() > 0) {
            html.append(" aria-describedby=\"").append(describedBy).append('"');
        }
        html.append(">\n<legend>").append(legend).append("</legend>\n");
        if (hint != null) {
            html.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(Html.escape(hint)).append("</p>\n");
        }
        error(html, id, problem);
        html.append("<div class=\"scale\">\n");
        List<String[]> options = options(q.type(), t);
        for (int i = 0; i < options.size(); i++) {
            String value = options.get(i)[0];
            String optionId = id + "-" + value;
            html.append("<label for=\"").append(optionId).append("\"><input type=\"radio\" id=\"").append(optionId)
                    .append("\" name=\"").append(Html.escape(q.key())).append("\" value=\"").append(value).append('"');
            if (value.equals(given)) {
                html.append(" checked");
            }
            if (q.required() && i == 0) {
                html.append(" required aria-required=\"true\"");
            }
            if (problem != null) {
                html.append(" aria-invalid=\"true\"");
            }
            html.append("> ").append(Html.escape(options.get(i)[1])).append("</label>\n");
        }
        html.append("</div>\n</fieldset>\n");
    }

    private static List<String[]> options(QuestionType type, PageTexts t) {
        if (type == QuestionType.YES_NO) {
            return List.of(new String[] {"yes", t.yes()}, new String[] {"no", t.no()});
        }
        List<String[]> options = new java.util.ArrayList<>();
        for (int v = type.min(); v <= type.max(); v++) {
            options.add(new String[] {Integer.toString(v), Integer.toString(v)});
        }
        return options;
    }

    private static String firstInput(Question q) {
        if (q.type() == QuestionType.TEXT) {
            return "q-" + q.key();
        }
        return "q-" + q.key() + "-" + (q.type() == QuestionType.YES_NO ? "yes" : Integer.toString(q.type().min()));
    }

    private static void aria(StringBuilder html, StringBuilder describedBy, String problem, boolean required) {
        if (describedBy.length() > 0) {
            html.append(" aria-describedby=\"").append(describedBy).append('"');
        }
        if (problem != null) {
            html.append(" aria-invalid=\"true\"");
        }
        if (required) {
            html.append(" required aria-required=\"true\"");
        }
    }

    private static void error(StringBuilder html, String id, String problem) {
        if (problem != null) {
            html.append("<p class=\"error\" id=\"").append(id).append("-error\">").append(Html.escape(problem)).append("</p>\n");
        }
    }

    /** A page with a heading and one paragraph: thanks, or why the link does not work. */
    static String message(PageTexts t, String title, String text) {
        StringBuilder html = start(t, title);
        html.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(text)).append("</p>\n");
        return end(html);
    }

    /** For a token we do not know we do not know the language either: say it in both. */
    static String unknownLink() {
        StringBuilder html = start(PageTexts.NL, PageTexts.NL.unknownTitle() + " / " + PageTexts.EN.unknownTitle());
        html.append("<h1>").append(Html.escape(PageTexts.NL.unknownTitle())).append("</h1>\n<p>")
                .append(Html.escape(PageTexts.NL.unknownText())).append("</p>\n<div lang=\"en\">\n<h2>")
                .append(Html.escape(PageTexts.EN.unknownTitle())).append("</h2>\n<p>")
                .append(Html.escape(PageTexts.EN.unknownText())).append("</p>\n</div>\n");
        return end(html);
    }

    private static StringBuilder start(PageTexts t, String title) {
        return new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"").append(t.lang()).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String end(StringBuilder html) {
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    /** Question keys the guest is asked to look at again, with the message for each. */
    static Map<String, String> problems(Set<String> missing, Set<String> invalid, PageTexts t) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        missing.forEach(k -> problems.put(k, t.missing()));
        invalid.forEach(k -> problems.put(k, t.invalid()));
        return problems;
    }
}
