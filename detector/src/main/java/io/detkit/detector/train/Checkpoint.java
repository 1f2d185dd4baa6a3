package io.detkit.detector.train;

import io.detkit.metrics.report.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint file: named binary entries (model parameters, optimizer state, EMA, trainer state,
 * the resolved config) in one ZIP container with a SHA-256 manifest.
 *
 * <p>Writing is atomic (temp file + rename): a crash, even SIGKILL, leaves the previous checkpoint
 * intact. Reading verifies every entry against the manifest, so a truncated or corrupt file is
 * reported as such ({@link CheckpointException}) instead of loading garbage.
 *
 * <p>Layout: entries in insertion order, then {@code MANIFEST.sha256} with one line
 * {@code <hex sha-256>  <entry name>} per entry and a first line {@code detkit-checkpoint 1}.
 */
public final class Checkpoint {
    static final String MANIFEST = "MANIFEST.sha256";
    static final String MAGIC = "detkit-checkpoint 1";

    private final Map<String, byte[]> entries;

    private Checkpoint(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    /** @return an empty checkpoint to fill */
    public static Checkpoint create() {
        return new Checkpoint(new LinkedHashMap<>());
    }

    /**
     * Adds or replaces an entry.
     *
     * @param name entry name (e.g. {@code model.params})
     * @param data its bytes
     * @return this checkpoint
     */
    public Checkpoint put(String name, byte[] data) {
        if (name.equals(MANIFEST)) {
            throw new IllegalArgumentException("reserved entry name " + name);
        }
        entries.put(name, data.clone());
        return this;
    }

    /**
     * Adds a UTF-8 text entry.
     *
     * @param name entry name
     * @param text the text
     * @return this checkpoint
     */
    public Checkpoint putText(String name, String text) {
        return put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param name entry name
     * @return true if present
     */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * @param name entry name
     * @return its bytes
     * @throws CheckpointException if missing
     */
    public byte[] get(String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new CheckpointException("checkpoint has no entry '" + name + "' (entries: " + entries.keySet() + ")");
        }
        return b.clone();
    }

    /**
     * @param name entry name
     * @return its text
     */
    public String getText(String name) {
        return new String(get(name), StandardCharsets.UTF_8);
    }

    /**
     * Writes the checkpoint atomically.
     *
     * @param file target file
     * @throws IOException if writing fails (the previous file is then unchanged)
     */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        StringBuilder manifest = new StringBuilder(MAGIC).append('\n');
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            zip.setLevel(1);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
                manifest.append(sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
            }
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        AtomicFiles.write(file, bos.toByteArray());
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @param file the file
     * @return the checkpoint
     * @throws CheckpointException if the file is missing, truncated, corrupt or not a checkpoint
     */
    public static Checkpoint read(Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String manifest = null;
        if (!Files.exists(file)) {
            throw new CheckpointException(file + ": checkpoint not found");
        }
        // ZipFile reads the central directory at the end: a truncated file fails here
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry e = it.nextElement();
                byte[] data;
                try (InputStream in = zip.getInputStream(e)) {
                    data = in.readAllBytes();
                }
                if (e.getName().equals(MANIFEST)) {
                    manifest = new String(data, StandardCharsets.UTF_8);
                } else {
                    entries.put(e.getName(), data);
                }
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": checkpoint not found");
        } catch (ZipException | java.io.EOFException e) {
            throw new CheckpointException(file + ": corrupt or truncated checkpoint (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e.getMessage());
        }
        if (manifest == null || !manifest.startsWith(MAGIC)) {
            throw new CheckpointException(file + ": not a detkit checkpoint, or truncated (no manifest)");
        }
        String[] lines = manifest.split("\n");
        if (lines.length - 1 != entries.size()) {
            throw new CheckpointException(file + ": corrupt checkpoint: manifest lists " + (lines.length - 1) + " entries, file has "
                    + entries.size());
        }
        for (int i = 1; i < lines.length; i++) {
            int sep = lines[i].indexOf("  ");
            String hash = lines[i].substring(0, sep), name = lines[i].substring(sep + 2);
            byte[] data = entries.get(name);
            if (data == null) {
                throw new CheckpointException(file + ": corrupt checkpoint: entry '" + name + "' missing");
            }
            if (!sha256(data).equals(hash)) {
                throw new CheckpointException(file + ": corrupt checkpoint: entry '" + name + "' fails its SHA-256 check");
            }
        }
        return new Checkpoint(entries);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
