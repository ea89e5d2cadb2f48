package org.testigo.scan.synth;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints an {@link ActaSheet} on a thermal-paper strip 80 mm wide, as the voting machines do: text lines
 * in a monospaced font, then the QR codes stacked, then the footer. Geometry is in millimetres; the raster
 * is made at any resolution so a photo can be composed without upsampling a coarse print.
 */
final class SheetRenderer {
    static final double WIDTH_MM = 80;
    private static final double MARGIN_MM = 5;
    private static final double LINE_MM = 4.2;
    /** Thermal print is not black: a dark grey that fades with age. */
    static final float INK = 0.12f;

    /** The printed strip at {@code pxPerMm}, with where each QR code lies (mm). */
    record Printed(Plane plane, double pxPerMm, double widthMm, double heightMm, List<Rectangle2D> qrBoxes, List<Integer> qrModules) {
        Rectangle2D allCodes() {
            Rectangle2D all = (Rectangle2D) qrBoxes.get(0).clone();
            for (Rectangle2D box : qrBoxes) {
                all.add(box);
            }
            return all;
        }

        double moduleMm() {
            return qrBoxes.get(0).getWidth() / qrModules.get(0);
        }
    }

    /** The layout alone (cheap): how tall the strip is and where the codes go. */
    static Printed layout(ActaSheet sheet) {
        return print(sheet, 0);
    }

    static Printed print(ActaSheet sheet, double pxPerMm) {
        List<QRCode> codes = new ArrayList<>();
        for (String text : sheet.qrTexts()) {
            codes.add(encode(text));
        }
        // Venezuela prints one code about 32 mm wide; Brazil's BU prints larger, denser codes.
        double qrMm = sheet.qrTexts().size() == 1 && sheet.format().equals("ve-2024") ? 32 : 44;
        double y = MARGIN_MM;
        double textHeight = (sheet.header().size() + sheet.lines().size() + 2) * LINE_MM;
        double height = MARGIN_MM + textHeight + codes.size() * (qrMm + 2 * LINE_MM) + (sheet.footer().size() + 1) * LINE_MM + MARGIN_MM;
        Plane plane = null;
        Graphics2D g = null;
        BufferedImage image = null;
        if (pxPerMm > 0) {
            image = new BufferedImage((int) Math.ceil(WIDTH_MM * pxPerMm), (int) Math.ceil(height * pxPerMm), BufferedImage.TYPE_BYTE_GRAY);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(pxPerMm, pxPerMm);
            g.setColor(Color.BLACK);
        }
        Font bold = new Font(Font.MONOSPACED, Font.BOLD, 1).deriveFont(3.0f);
        Font plain = new Font(Font.MONOSPACED, Font.PLAIN, 1).deriveFont(2.7f);
        for (String line : sheet.header()) {
            y += LINE_MM;
            if (g != null) {
                g.setFont(bold);
                double w = g.getFontMetrics().getStringBounds(line, g).getWidth();
                g.drawString(line, (float) ((WIDTH_MM - w) / 2), (float) y);
            }
        }
        y += LINE_MM;
        for (ActaSheet.Line line : sheet.lines()) {
            y += LINE_MM;
            if (g != null) {
                g.setFont(plain);
                g.drawString(line.label(), (float) MARGIN_MM, (float) y);
                double w = g.getFontMetrics().getStringBounds(line.value(), g).getWidth();
                g.drawString(line.value(), (float) (WIDTH_MM - MARGIN_MM - w), (float) y);
            }
        }
        y += LINE_MM;
        List<Rectangle2D> boxes = new ArrayList<>();
        List<Integer> modules = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            ByteMatrix m = codes.get(i).getMatrix();
            double x0 = (WIDTH_MM - qrMm) / 2;
            double y0 = y + LINE_MM * 0.5;
            boxes.add(new Rectangle2D.Double(x0, y0, qrMm, qrMm));
            modules.add(m.getWidth());
            if (g != null) {
                double cell = qrMm / m.getWidth();
                for (int r = 0; r < m.getHeight(); r++) {
                    for (int c = 0; c < m.getWidth(); c++) {
                        if (m.get(c, r) == 1) {
                            g.fill(new Rectangle2D.Double(x0 + c * cell, y0 + r * cell, cell, cell));
                        }
                    }
                }
                if (codes.size() > 1) {
                    g.setFont(plain);
                    g.drawString("QR " + (i + 1) + "/" + codes.size(), (float) MARGIN_MM, (float) (y0 + qrMm + LINE_MM * 1.1));
                }
            }
            y = y0 + qrMm + LINE_MM * 1.5;
        }
        for (String line : sheet.footer()) {
            y += LINE_MM;
            if (g != null) {
                g.setFont(plain);
                g.drawString(line, (float) MARGIN_MM, (float) y);
            }
        }
        if (g != null) {
            g.dispose();
            plane = new Plane(image.getWidth(), image.getHeight());
            byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < data.length; i++) {
                // Map the black of the raster to thermal ink and its white to paper.
                float t = (data[i] & 0xff) / 255f;
                plane.v[i] = INK + (1 - INK) * t;
            }
        }
        return new Printed(plane, pxPerMm, WIDTH_MM, height, boxes, modules);
    }

    private static QRCode encode(String text) {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }
}
