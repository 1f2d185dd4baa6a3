package io.detkit.data.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML element tree that remembers the line of each element, parsed with StAX (no DTDs, no
 * external entities).
 */
final class XmlTree {
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlTree() {}

    /** An element: name, attributes, text, child elements, and the line it starts on. */
    static final class Node {
        final String name;
        final int line;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Node(String name, int line) {
            this.name = name;
            this.line = line;
        }

        String text() {
            return text.toString().strip();
        }

        /** The first child element with that name, or null. */
        Node child(String tag) {
            for (Node c : children) {
                if (c.name.equals(tag)) {
                    return c;
                }
            }
            return null;
        }

        /** The text of the first child with that name, or null. */
        String childText(String tag) {
            Node c = child(tag);
            return c == null ? null : c.text();
        }

        List<Node> children(String tag) {
            return children.stream().filter(c -> c.name.equals(tag)).toList();
        }
    }

    /** Thrown for a file that is not well-formed XML; the message names file, line and column. */
    static final class XmlSyntaxException extends IOException {
        private static final long serialVersionUID = 1L;
        final int line;
        final String detail;

        XmlSyntaxException(Path file, int line, int column, String detail, Throwable cause) {
            super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + detail, cause);
            this.line = line;
            this.detail = detail;
        }
    }

    static Node parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                Deque<Node> stack = new ArrayDeque<>();
                Node root = null;
                while (r.hasNext()) {
                    int ev = r.next();
                    switch (ev) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            Node n = new Node(r.getLocalName(), r.getLocation().getLineNumber());
                            for (int i = 0; i < r.getAttributeCount(); i++) {
                                n.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                            }
                            if (stack.isEmpty()) {
                                root = n;
                            } else {
                                stack.peek().children.add(n);
                            }
                            stack.push(n);
                        }
                        case XMLStreamConstants.END_ELEMENT -> stack.pop();
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                            if (!stack.isEmpty()) {
                                stack.peek().text.append(r.getText());
                            }
                        }
                        default -> {
                            // comments, processing instructions: nothing to keep
                        }
                    }
                }
                if (root == null) {
                    throw new XmlSyntaxException(file, 0, 0, "no XML element in the file", null);
                }
                return root;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            Location loc = e.getLocation();
            String msg = e.getMessage() == null ? "" : e.getMessage();
            int at = msg.indexOf("Message: ");
            if (at >= 0) {
                msg = msg.substring(at + "Message: ".length());
            }
            throw new XmlSyntaxException(file, loc == null ? 0 : loc.getLineNumber(), loc == null ? 0 : loc.getColumnNumber(),
                    "not well-formed XML: " + msg.strip(), e);
        }
    }

    /** The name of the root element, or null when the file is not XML. */
    static String rootName(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        return r.getLocalName();
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (IOException | XMLStreamException e) {
            return null;
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
