package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class HtmlTest {

    @Test
    public void markupCharactersBecomeEntities() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", Html.escape("<script>alert('x')</script>"));
        assertEquals("a &amp; b &quot;c&quot;", Html.escape("a & b \"c\""));
    }

    @Test
    public void attributeBreakoutsAreEscaped() {
        assertEquals("&quot; onfocus=&quot;alert(1)", Html.escape("\" onfocus=\"alert(1)"));
    }

    @Test
    public void controlCharactersAreDroppedButLineBreaksAndLettersKept() {
        assertEquals("ab\nc", Html.escape("a\u0000b\nc\u0007"));
        assertEquals("Één café – ✓", Html.escape("Één café – ✓"));
        assertEquals("", Html.escape(null));
    }
}
