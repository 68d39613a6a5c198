package vmlab.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void textCannotOpenATagOrAnEntity() {
        assertEquals("&lt;script&gt;a &amp;&amp; b&lt;/script&gt;", HtmlText.escape("<script>a && b</script>"));
        assertEquals("&amp;lt;", HtmlText.escape("&lt;"), "an entity in the text is shown as typed, not decoded");
    }

    @Test
    void quotesAreLeftAloneBetweenTagsButCannotEndAnAttribute() {
        assertEquals("Java's \"best\"", HtmlText.escape("Java's \"best\""));
        assertEquals("a&amp;b &quot;c&quot; &#39;d&#39; &lt;e&gt;", HtmlText.attribute("a&b \"c\" 'd' <e>"));
    }

    @Test
    void aMissingTextIsShownAsNothing() {
        assertEquals("", HtmlText.escape(null));
        assertEquals("", HtmlText.attribute(null));
    }

    @Test
    void aLabelledLineEscapesItsLabelButNotItsValue() {
        assertEquals("<span style=\"display:inline-block;min-width:11em\">a &lt; b</span>3 &times; 4<br>",
                HtmlText.labelled("a < b", "3 &times; 4"));
    }
}
