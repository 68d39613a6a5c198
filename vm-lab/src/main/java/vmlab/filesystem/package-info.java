/**
 * LabFS, the file system of labOS (the guest operating system under {@code vm-lab/guest/labos}), seen from the host:
 * build a disk image from a folder, list one, extract one. It depends on nothing else of the lab, so any layer may
 * use it: the {@code vmlab disk} command, a lab {@code Computer}'s disk, a hypervisor's view of a guest disk.
 * The format is described in {@code docs/labos.md} and implemented in C by {@code vm-lab/guest/labos/fs.c}.
 */
package vmlab.filesystem;
