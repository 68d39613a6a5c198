package vmlab.filesystem;

/**
 * One file of a LabFS directory: its name, the first sector of its run, its size in bytes and the run's length in
 * sectors (a file may have room to grow).
 */
public record LabFsEntry(String name, int start, int size, int capacity) {
}
