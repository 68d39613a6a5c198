package vmlab.machine;

import vmlab.isa.Image;

/**
 * A parsed ELF32 executable: the {@link Image} to load plus what a Linux loader also tells the program through the auxiliary
 * vector (where its program headers sit in memory).
 *
 * @param programHeaders the guest address of the program header table, or 0 if no segment maps it
 */
public record Elf(Image image, int programHeaders, int programHeaderSize, int programHeaderCount) {
}
