"""What the ELF files of a Linux bundle need from the system: machine, glibc floor, segment alignment.

Plain Python (no objdump, which on an x86_64 host does not read aarch64 files): the versions come from
each file's SHT_GNU_verneed section, the alignment from its PT_LOAD program headers. Used by the tests
(tests/arm64) and by ``make bench`` (bench/dist.py); loaded with ``runpy.run_path`` or run directly:

    python packaging/elfinfo.py dist/linux-aarch64/xxgk-report
"""

import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

MACHINES = {62: "x86_64", 183: "aarch64"}
PT_LOAD = 1
SHT_GNU_VERNEED = 0x6FFFFFFE


@dataclass
class ElfInfo:
    path: Path
    machine: str
    #: {needed file name (libc.so.6, libstdc++.so.6 …): {version names (GLIBC_2.28 …)}}
    needs: dict = field(default_factory=dict)
    #: (p_align, p_offset, p_vaddr) of every PT_LOAD segment
    loads: list = field(default_factory=list)

    def versions(self, prefix: str = "GLIBC_") -> list:
        """Every version with this prefix the file needs, as tuples ((2, 28), "libc.so.6")."""
        out = []
        for lib, names in self.needs.items():
            for name in names:
                m = re.fullmatch(re.escape(prefix) + r"(\d+(?:\.\d+)*)", name)
                if m:
                    out.append((tuple(int(x) for x in m.group(1).split(".")), lib))
        return out


def _string(data: bytes, start: int) -> str:
    return data[start:data.index(b"\0", start)].decode("ascii", "replace")


def read_elf(path: Path):
    """ElfInfo of a 64-bit little-endian ELF file, or None for anything else."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    (_, e_machine, _, _, e_phoff, e_shoff, _, _, e_phentsize, e_phnum, e_shentsize, e_shnum, _) = struct.unpack_from(
        "<HHIQQQIHHHHHH", data, 16
    )
    info = ElfInfo(Path(path), MACHINES.get(e_machine, str(e_machine)))
    for i in range(e_phnum):
        p_type, _, p_offset, p_vaddr, _, _, _, p_align = struct.unpack_from("<IIQQQQQQ", data, e_phoff + i * e_phentsize)
        if p_type == PT_LOAD:
            info.loads.append((p_align, p_offset, p_vaddr))
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)] if e_shoff else []
    for sh in sections:
        if sh[1] != SHT_GNU_VERNEED:
            continue
        str_off = sections[sh[6]][4]  # sh_link: the string table; its sh_offset
        off = sh[4]
        for _ in range(sh[7]):  # sh_info: number of Verneed entries
            _, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, off)
            names = info.needs.setdefault(_string(data, str_off + vn_file), set())
            aux = off + vn_aux
            for _ in range(vn_cnt):
                _, _, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                names.add(_string(data, str_off + vna_name))
                aux += vna_next
            if not vn_next:
                break
            off += vn_next
    return info


def elf_files(folder: Path):
    """ElfInfo of every regular ELF file under folder (symbolic links skipped)."""
    out = []
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as fh:
                if fh.read(4) != b"\x7fELF":
                    continue
            info = read_elf(p)
            if info:
                out.append(info)
    return out


def newest(infos, prefix: str = "GLIBC_"):
    """(version tuple, the file needing it) of the newest version with this prefix, or ((0,), None)."""
    best = ((0,), None)
    for info in infos:
        for version, _ in info.versions(prefix):
            if version > best[0]:
                best = (version, info.path)
    return best


def holders(infos, version, prefix: str = "GLIBC_"):
    """The files that need exactly this version (the ones holding the floor)."""
    return sorted({info.path for info in infos for v, _ in info.versions(prefix) if v == version})


def misaligned(infos, page: int = 65536):
    """Files with a PT_LOAD segment not aligned to page (p_align below it, or offset and address apart)."""
    bad = []
    for info in infos:
        for align, offset, vaddr in info.loads:
            if align < page or (offset - vaddr) % page:
                bad.append(info.path)
                break
    return bad


def dotted(version) -> str:
    return ".".join(str(x) for x in version)


def main(argv) -> int:
    folder = Path(argv[1])
    infos = elf_files(folder)
    machines = sorted({i.machine for i in infos})
    print(f"{len(infos)} ELF files, machine {', '.join(machines)}")
    for prefix in ("GLIBC_", "GLIBCXX_", "CXXABI_", "GCC_"):
        version, path = newest(infos, prefix)
        if path:
            names = ", ".join(str(p.relative_to(folder)) for p in holders(infos, version, prefix))
            print(f"newest {prefix}{dotted(version)}: {names}")
    bad = misaligned(infos)
    print(f"segments not 64 KiB-aligned: {len(bad)}" + "".join(f"\n  {p.relative_to(folder)}" for p in bad))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
