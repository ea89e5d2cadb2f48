package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;
import org.testigo.views.Json;

/** {@code testigo decode} on acta images rendered here, with numbers chosen by hand. */
class DecodeCommandTest {
    @TempDir
    Path dir;

    /** Votes per card for table 03 of centre 130101001, chosen by hand; 7 null votes. */
    private static final int[] CARDS = IntStream.range(0, Ve2024Ballot.CARD_COUNT).map(i -> i == 0 ? 212 : i == 1 ? 48 : i == 5 ? 131 : i % 3)
            .toArray();
    private static final int NULLS = 7;
    private static final String TABLE = "130101001.03";


    /** A receipt-like sheet: some printed lines and the QR code of {@code text}, 5 pixels a module. */
    private static BufferedImage acta(String text) throws Exception {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 4));
        int scale = 5;
        BufferedImage img = new BufferedImage(Math.max(600, m.getWidth() * scale + 100), m.getHeight() * scale + 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 18));
        g.drawString("ACTA DE ESCRUTINIO  MESA 03", 40, 60);
        g.drawString("CONSEJO NACIONAL ELECTORAL", 40, 100);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect(50 + x * scale, 200 + y * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return img;
    }

    private Path write(String name, BufferedImage img, String format) throws Exception {
        Path file = dir.resolve(name);
        ImageIO.write(img, format, file.toFile());
        return file;
    }

    private static String payload() {
        return Ve2024Payload.format(new TableId(TABLE), Counts.of(CARDS), NULLS, 0);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void decodesAnActaPhotoToTheNumbersPrintedInItsCode() throws Exception {
        Path photo = write("acta.jpg", acta(payload()), "jpeg");

        InProcess.Run r = InProcess.run("decode", "--json", photo.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("file").asText()).isEqualTo(photo.toString());
        assertThat(line.get("ok").asBoolean()).isTrue();
        assertThat(line.get("format").asText()).isEqualTo("ve-2024");
        assertThat(line.get("payloads").get(0).asText()).isEqualTo(payload());
        assertThat(line.get("table").asText()).isEqualTo(TABLE);
        int[] cards = new int[line.get("votes").get("cards").size()];
        for (int i = 0; i < cards.length; i++) {
            cards[i] = line.get("votes").get("cards").get(i).asInt();
        }
        assertThat(cards).isEqualTo(CARDS);
        assertThat(line.get("votes").get("null").asInt()).isEqualTo(NULLS);
        long candidates = 0;
        for (JsonNode c : line.get("votes").get("candidates")) {
            candidates += c.asLong();
        }
        assertThat(candidates).as("every card's votes go to one candidate").isEqualTo(IntStream.of(CARDS).sum());
        assertThat(line.get("strategy").asText()).isNotBlank();
        assertThat(line.has("ms")).isTrue();
    }

    @Test
    void reportsEveryFileInArgumentOrderAndExitsOneWhenSomeGaveNoTally() throws Exception {
        Path tally = write("acta.png", acta(payload()), "png");
        Path notATally = write("menu.png", acta("https://example.org/menu"), "png");
        Path fake = dir.resolve("fake.jpg");
        Files.writeString(fake, "this is not a photo of an acta");
        Path missing = dir.resolve("missing.jpg");
        Path folder = Files.createDirectory(dir.resolve("folder"));

        InProcess.Run r = InProcess.run("decode", "--json", notATally.toString(), fake.toString(), tally.toString(), missing.toString(), folder.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).extracting(l -> l.get("file").asText())
                .containsExactly(notATally.toString(), fake.toString(), tally.toString(), missing.toString(), folder.toString());
        assertThat(lines).extracting(l -> l.get("ok").asBoolean()).containsExactly(false, false, true, false, false);

        JsonNode menu = lines.get(0);
        assertThat(menu.get("payloads").get(0).asText()).isEqualTo("https://example.org/menu");
        assertThat(menu.get("error").asText()).contains("matches no known tally format");
        assertThat(menu.has("reason")).isFalse();

        assertThat(lines.get(1).get("reason").asText()).isEqualTo("not-an-image");
        assertThat(lines.get(1).get("error").asText()).contains("plain text");
        assertThat(lines.get(2).get("table").asText()).isEqualTo(TABLE);
        assertThat(lines.get(3).get("error").asText()).isEqualTo("no such file");
        assertThat(lines.get(4).get("error").asText()).contains("directory");
    }

    @Test
    void givesNoTallyWhenTheCodeIsNotOfTheFormatGiven() throws Exception {
        Path photo = write("acta.png", acta(payload()), "png");
        InProcess.Run r = InProcess.run("decode", "--json", "--format", "br-bu", photo.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode line = lines(r.out()).get(0);
        assertThat(line.get("ok").asBoolean()).isFalse();
        assertThat(line.get("payloads").get(0).asText()).isEqualTo(payload());
        assertThat(line.get("error").asText()).isNotBlank();
    }

    @Test
    void printsOneReadableLinePerFileWithoutJson() throws Exception {
        Path photo = write("acta.png", acta(payload()), "png");
        Path fake = dir.resolve("fake.jpg");
        Files.writeString(fake, "%PDF-1.4 not really");
        InProcess.Run r = InProcess.run("decode", photo.toString(), fake.toString());
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(photo + ": ve-2024 table " + TABLE + " (");
        assertThat(lines.get(1)).startsWith(fake + ": FAILED ").contains("PDF document", "(not-an-image)");
    }

    @Test
    void anUnknownFormatIsAUsageErrorListingTheKnownOnes() throws Exception {
        InProcess.Run r = InProcess.run("decode", "--format", "xx-1999", "a.jpg");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown tally format \"xx-1999\"", "br-bu", "ve-2024");
        assertThat(InProcess.run("decode").code()).as("no FILE").isEqualTo(2);
    }
}
