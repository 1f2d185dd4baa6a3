package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.ProblemKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlibReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsImagesBoxesIgnoreAndLabels() throws IOException {
        image(dir.resolve("b.png"), 30, 40);
        Path xml = text(dir.resolve("faces.xml"),
                "<?xml version='1.0' encoding='ISO-8859-1'?>",
                "<?xml-stylesheet type='text/xsl' href='image_metadata_stylesheet.xsl'?>",
                "<dataset><name>t</name>",
                "<images>",
                "  <image file='a.jpg' width='100' height='80'>",
                "    <box top='10' left='20' width='30' height='40'/>",
                "    <box top='1' left='2' width='3' height='4' ignore='1'/>",
                "  </image>",
                "  <image file='b.png'>",
                "    <box top='5' left='6' width='7' height='8'><label>eye</label></box>",
                "    <box top='5' left='x' width='7' height='8'/>",
                "  </image>",
                "</images></dataset>");
        LoadedDataset l = Datasets.load(xml);
        DetectionDataset ds = l.dataset();
        assertEquals(List.of("eye", "object"), ds.classNames());
        assertEquals(2, ds.samples().size());
        assertEquals(100, ds.samples().get(0).width());
        assertArrayEquals(new double[] {20, 10, 50, 50, 2, 1, 5, 5}, ds.samples().get(0).boxes(), 0);
        assertArrayEquals(new boolean[] {false, true}, ds.samples().get(0).ignore());
        assertArrayEquals(new int[] {1, 1}, ds.samples().get(0).classIds());
        assertEquals(30, ds.samples().get(1).width(), "size from the image header");
        assertArrayEquals(new int[] {0}, ds.samples().get(1).classIds());
        assertEquals(new Location(xml, 7, "image[0].box[1]"), l.source(0, 1));
        assertEquals(ProblemKind.MALFORMED, l.problems().get(0).kind());
        assertEquals(new Location(xml, 11, "image[1].box[1]"), l.problems().get(0).location());
    }

    @Test
    void anUnreadableIgnoreFlagIsAProblemNotATarget() throws IOException {
        Path xml = text(dir.resolve("f.xml"),
                "<dataset><images>",
                "  <image file='a.jpg' width='100' height='80'>",
                "    <box top='1' left='2' width='3' height='4' ignore='yes'/>",
                "    <box top='1' left='2' width='3' height='4' ignore='false'/>",
                "  </image>",
                "</images></dataset>");
        LoadedDataset l = Datasets.load(xml);
        // 'yes' is neither 0/1 nor true/false: that box is reported and left out; 'false' is a normal box
        assertArrayEquals(new boolean[] {false}, l.dataset().samples().get(0).ignore());
        assertEquals(1, l.problems().size());
        assertEquals(ProblemKind.MALFORMED, l.problems().get(0).kind());
        assertTrue(l.problems().get(0).message().contains("attribute 'ignore' must be 0, 1, true or false, got 'yes'"),
                l.problems().get(0).message());
        assertEquals(new Location(xml, 3, "image[0].box[0]"), l.problems().get(0).location());
    }

    @Test
    void wrongRootIsAClearError() {
        Path xml = text(dir.resolve("x.xml"), "<annotation/>");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.read(xml, Format.DLIB));
        assertTrue(e.getMessage().contains("expected dlib's <dataset>"), e.getMessage());
    }
}
