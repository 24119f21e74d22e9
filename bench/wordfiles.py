"""The build cost of the Word files: the generation step alone (handbook.wordtemplates), timed in-process."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.builds import ROOT

# Issue 17: generating every template adds at most this much to a build.
WORD_FILES_TARGET_S = 1.0


def measure_word_files(runs: int = 5) -> dict[str, float]:
    """Median seconds to write every sample's .docx and the blank templates, and how many files."""
    from handbook.layout import LAYOUT_FILE, load_layout
    from handbook.samples import SAMPLES_DIR, load_samples
    from handbook.wordtemplates import write_word_files

    layout = load_layout(ROOT / LAYOUT_FILE)
    samples = load_samples(ROOT / SAMPLES_DIR, {element.id for element in layout.elements})
    times, count = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            start = time.perf_counter()
            count = len(write_word_files(samples, layout, Path(tmp) / str(run)))
            times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "files": count}
