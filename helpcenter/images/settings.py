"""The `extra.helpcenter_images` block of mkdocs.yml: whether and how remote images are vendored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ImageSettings:
    vendor: bool = True  # false: remote images stay links (offline builds fetch nothing)
    timeout: float = 10.0  # seconds for one whole download
    max_bytes: int = 5_000_000
    cache_dir: Path = Path(".cache/images")  # survives rebuilds; relative to mkdocs.yml
    # URL prefix -> prefix to download it from instead (a mirror or proxy the build machine can reach).
    mirrors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_extra(cls, block: dict[str, Any] | None, project_dir: Path) -> ImageSettings:
        """Read the block (missing keys keep their defaults); relative paths start at the project."""
        block = dict(block or {})
        unknown = set(block) - {"vendor", "timeout", "max_bytes", "cache_dir", "mirrors"}
        if unknown:
            raise ValueError(f"extra.helpcenter_images: unknown setting(s) {sorted(unknown)}")
        cache_dir = project_dir / Path(block.get("cache_dir", cls.cache_dir))
        return cls(
            vendor=_flag(block.get("vendor", True)),
            timeout=float(block.get("timeout", cls.timeout)),
            max_bytes=int(block.get("max_bytes", cls.max_bytes)),
            cache_dir=cache_dir,
            mirrors={str(k): str(v) for k, v in (block.get("mirrors") or {}).items()},
        )


def _flag(value: Any) -> bool:
    """YAML booleans, and the strings an environment variable gives (`!ENV`): "0", "false", "no", "off"."""
    if isinstance(value, str):
        return value.strip().lower() not in {"", "0", "false", "no", "off"}
    return bool(value)
