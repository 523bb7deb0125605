package com.refundhub.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One hub per embedded ledger: a hub takes its claims back from "its previous run" at start, which would be another
 * running hub's if two shared the file. The lock is the operating system's on {@code NAME.db.lock} (not on the
 * database file, whose locks are SQLite's), so it goes with the process however it ends — a SIGKILL included.
 * Tools that only read ({@code --check-ledger}, {@code --backup}) do not take it.
 */
public final class EmbeddedLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private EmbeddedLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static EmbeddedLock take(Path ledgerFile) {
        Path path = ledgerFile.resolveSibling(ledgerFile.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(path, StandardCharsets.US_ASCII).trim();
                channel.close();
                throw new InUse("the ledger " + ledgerFile + " is in use by another hub (process "
                        + (holder.isEmpty() ? "?" : holder) + "): one hub per embedded ledger");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            return new EmbeddedLock(channel, lock);
        } catch (IOException e) {
            throw new LedgerException("cannot lock the ledger " + ledgerFile + ": " + e.getMessage(), e);
        }
    }

    /** Another hub holds the ledger: nothing is wrong with it. */
    public static final class InUse extends LedgerException {
        InUse(String message) {
            super(message, null);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends or the pool closes: the lock goes with the channel either way
        }
    }
}
