/*
 * LabFS, labOS's file system (docs/labos.md describes the format; vmlab.labfs in Java reads and writes it too).
 *
 * Sector 0 is the superblock, sectors 1-8 a flat directory of 64 entries of 64 bytes, the rest file data. Each
 * file is one contiguous run of sectors (start, capacity); a file that outgrows its run moves to a free run twice
 * as large. CRC-32s over the superblock and the directory catch a corrupted image before it is trusted.
 */
#include "kernel.h"

#define SECTOR 512u
#define ENTRIES 64
#define DIR_SECTORS 8
#define DATA_START (1 + DIR_SECTORS)
static const char MAGIC[8] = { 'L', 'A', 'B', 'F', 'S', '1', '\n', 0 };

struct entry {
    char name[48];
    uint32_t start, size, capacity, reserved;
};

struct superblock {
    char magic[8];
    uint32_t version, sectors, entries, data_start, directory_crc, superblock_crc;
    uint8_t zero[SECTOR - 32];
};

static struct entry dir[ENTRIES] __attribute__((aligned(4096)));
static struct superblock super __attribute__((aligned(512)));
static uint8_t sector_buf[SECTOR] __attribute__((aligned(512)));
static int dirty, mounted;    /* nothing is ever written to a disk that did not mount */

static int check_and_load(void);

/* Mount the disk, or leave an empty, read-only directory when the image is not a sound LabFS one. */
int fs_mount(void)
{
    if (check_and_load() == 0) {
        mounted = 1;
        return 0;
    }
    memset(dir, 0, sizeof dir);
    return -1;
}

static int check_and_load(void)
{
    if (disk_read(0, &super, 1) != 0 || disk_read(1, dir, DIR_SECTORS) != 0) {
        kputs("labfs: cannot read the disk\n");
        return -1;
    }
    if (memcmp(super.magic, MAGIC, 8) != 0 || super.version != 1) {
        kputs("labfs: the disk is not a LabFS image (bad magic or version in sector 0)\n");
        return -1;
    }
    if (crc32(0, &super, 28) != super.superblock_crc || crc32(0, dir, sizeof dir) != super.directory_crc) {
        kputs("labfs: checksum mismatch in the superblock or the directory (sectors 0-8)\n");
        return -1;
    }
    if (super.entries != ENTRIES || super.data_start != DATA_START || super.sectors > disk_sectors()) {
        kputs("labfs: the superblock's geometry does not match the disk\n");
        return -1;
    }
    for (int i = 0; i < ENTRIES; i++) {
        struct entry *e = &dir[i];
        if (!e->name[0])
            continue;
        if (e->name[47] || e->start < DATA_START || e->start + e->capacity > super.sectors ||
            e->size > e->capacity * SECTOR) {
            kprintf("labfs: directory entry %d is damaged\n", i);
            return -1;
        }
    }
    return 0;
}

int fs_sync(void)
{
    if (!dirty || !mounted)
        return 0;
    super.directory_crc = crc32(0, dir, sizeof dir);
    super.superblock_crc = crc32(0, &super, 28);
    dirty = 0;
    return disk_write(1, dir, DIR_SECTORS) | disk_write(0, &super, 1);
}

int fs_lookup(const char *name)
{
    for (int i = 0; i < ENTRIES; i++)
        if (dir[i].name[0] && strcmp(dir[i].name, name) == 0)
            return i;
    return -1;
}

/* A free run of at least `need` sectors (the first that fits), ignoring file `self`'s own run; 0 if none. */
static uint32_t find_run(uint32_t need, int self)
{
    uint32_t at = DATA_START;
    for (;;) {
        int moved = 0;
        for (int i = 0; i < ENTRIES; i++) {
            struct entry *e = &dir[i];
            if (i == self || !e->name[0] || e->capacity == 0)
                continue;
            if (at < e->start + e->capacity && e->start < at + need) {
                at = e->start + e->capacity;
                moved = 1;
            }
        }
        if (!moved)
            return at + need <= super.sectors ? at : 0;
    }
}

int fs_create(const char *name)
{
    size_t len = strlen(name);
    if (!mounted || len == 0 || len > NAME_MAX_FS || fs_lookup(name) >= 0)
        return -1;
    for (int i = 0; i < ENTRIES; i++) {
        if (!dir[i].name[0]) {
            memset(&dir[i], 0, sizeof dir[i]);
            strncpy_z(dir[i].name, name, sizeof dir[i].name);
            dirty = 1;
            return i;
        }
    }
    return -1;
}

int fs_remove(const char *name)
{
    int i = fs_lookup(name);
    if (i < 0)
        return -1;
    memset(&dir[i], 0, sizeof dir[i]);
    dirty = 1;
    return 0;
}

uint32_t fs_size(int file) { return dir[file].size; }
const char *fs_name(int file) { return dir[file].name; }

int fs_count(void)
{
    int n = 0;
    for (int i = 0; i < ENTRIES; i++)
        n += dir[i].name[0] != 0;
    return n;
}

/* Files in name order, so `ls` prints the same list whatever order they were created in. */
int fs_next(int after)
{
    int best = -1;
    for (int i = 0; i < ENTRIES; i++) {
        if (!dir[i].name[0])
            continue;
        if (after >= 0 && strcmp(dir[i].name, dir[after].name) <= 0)
            continue;
        if (best < 0 || strcmp(dir[i].name, dir[best].name) < 0)
            best = i;
    }
    return best;
}

int fs_truncate(int file)
{
    dir[file].size = 0;
    dirty = 1;
    return 0;
}

long fs_read(int file, uint32_t offset, void *buf, uint32_t n)
{
    struct entry *e = &dir[file];
    if (offset >= e->size)
        return 0;
    if (n > e->size - offset)
        n = e->size - offset;
    uint8_t *out = buf;
    uint32_t done = 0;
    while (done < n) {
        uint32_t at = offset + done, sector = e->start + at / SECTOR, within = at % SECTOR;
        uint32_t whole = (n - done) / SECTOR;
        if (within == 0 && whole > 0) {
            /* Whole sectors go straight into the caller's (physically contiguous) buffer. */
            if (disk_read(sector, out + done, whole) != 0)
                return -1;
            done += whole * SECTOR;
            continue;
        }
        uint32_t chunk = SECTOR - within;
        if (chunk > n - done)
            chunk = n - done;
        if (disk_read(sector, sector_buf, 1) != 0)
            return -1;
        memcpy(out + done, sector_buf + within, chunk);
        done += chunk;
    }
    return (long)n;
}

/* Make room for `end` bytes, moving the file to a larger run when it has outgrown its own. */
static int reserve(int file, uint32_t end)
{
    struct entry *e = &dir[file];
    uint32_t need = (end + SECTOR - 1) / SECTOR;
    if (need <= e->capacity)
        return 0;
    uint32_t want = need < 2 * e->capacity ? 2 * e->capacity : need;
    if (want < 8)
        want = 8;
    uint32_t start = find_run(want, file);
    if (!start && (start = find_run(need, file)) != 0)
        want = need;
    if (!start)
        return -1;
    uint32_t used = (e->size + SECTOR - 1) / SECTOR;
    for (uint32_t s = 0; s < used; s++) {
        if (disk_read(e->start + s, sector_buf, 1) != 0 || disk_write(start + s, sector_buf, 1) != 0)
            return -1;
    }
    e->start = start;
    e->capacity = want;
    dirty = 1;
    return 0;
}

static long write_bytes(struct entry *e, uint32_t offset, const uint8_t *in, uint32_t n)
{
    uint32_t done = 0;
    while (done < n) {
        uint32_t at = offset + done, sector = e->start + at / SECTOR, within = at % SECTOR;
        uint32_t chunk = SECTOR - within;
        if (chunk > n - done)
            chunk = n - done;
        /* Keep the rest of a partly written sector when it holds file data. */
        if (chunk < SECTOR && at - within < e->size) {
            if (disk_read(sector, sector_buf, 1) != 0)
                return -1;
        } else {
            memset(sector_buf, 0, SECTOR);
        }
        if (in)
            memcpy(sector_buf + within, in + done, chunk);
        else
            memset(sector_buf + within, 0, chunk);
        if (disk_write(sector, sector_buf, 1) != 0)
            return -1;
        done += chunk;
    }
    return (long)n;
}

long fs_write(int file, uint32_t offset, const void *buf, uint32_t n)
{
    struct entry *e = &dir[file];
    if (n == 0)
        return 0;
    if (!mounted || offset + n < offset || reserve(file, offset + n) != 0)
        return -1;
    if (offset > e->size && write_bytes(e, e->size, NULL, offset - e->size) < 0)   /* a hole reads as zeros */
        return -1;
    if (write_bytes(e, offset, buf, n) < 0)
        return -1;
    if (offset + n > e->size) {
        e->size = offset + n;
        dirty = 1;
    }
    return (long)n;
}
