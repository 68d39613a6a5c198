package vmlab.charts;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** An SVG parsed with the JDK's DOM parser, with the questions the chart tests ask of it. */
final class SvgDocument {

    private static final Pattern STROKE = Pattern.compile("(?:stroke|fill):rgb\\((\\d+),(\\d+),(\\d+)\\)");

    private final Document document;

    private SvgDocument(Document document) {
        this.document = document;
    }

    static SvgDocument parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new SvgDocument(factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** The text content of every {@code <text>} element. */
    List<String> texts() {
        NodeList nodes = document.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** The distinct stroke and fill colours of the drawn shapes, as 0xRRGGBB. */
    Set<Integer> shapeColours() {
        Set<Integer> colours = new LinkedHashSet<>();
        for (String tag : List.of("path", "polyline", "line", "rect", "ellipse", "circle", "polygon")) {
            NodeList nodes = document.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Matcher m = STROKE.matcher(((Element) nodes.item(i)).getAttribute("style"));
                while (m.find()) {
                    colours.add(Integer.parseInt(m.group(1)) << 16 | Integer.parseInt(m.group(2)) << 8
                            | Integer.parseInt(m.group(3)));
                }
            }
        }
        return colours;
    }
}
