"""A chart of each engine's median time as a multiple of torch's, one group of bars per workload.

matplotlib draws it when installed (bench.png); without it the harness writes the same chart as a
hand-made SVG (bench.svg). The scale is logarithmic, since ratios run from 0.1x to 1000x.
"""

import math
from html import escape

from benchmarks.engines import ENGINES

COLORS = ["#d62728", "#ff7f0e", "#2ca02c", "#1f77b4", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]


def _color(engine):
    """The same colour for an engine in every chart (minigrad red, torch orange, ...)."""
    names = list(ENGINES)
    return COLORS[names.index(engine) % len(COLORS)] if engine in names else COLORS[-1]


def ratio_table(report):
    """(workload names, engine names, {(workload, engine): ratio}) for the engines that have a ratio."""
    ratios = {}
    for workload, entry in report["workloads"].items():
        for engine, result in entry["results"].items():
            if result.get("status") == "ok" and result.get("ratio_to_torch"):
                ratios[workload, engine] = result["ratio_to_torch"]
    workloads = [w for w in report["workloads"] if any(key[0] == w for key in ratios)]
    engines = [e for e in report["engines"] if any(key[1] == e for key in ratios)]
    return workloads, engines, ratios


def write_chart(report, directory, prefer_matplotlib=True):
    """Write the chart into `directory`; returns the file name, or None when no engine has a ratio."""
    workloads, engines, ratios = ratio_table(report)
    if not ratios:
        return None
    if prefer_matplotlib:
        try:
            import matplotlib
        except ImportError:
            pass
        else:
            matplotlib.use("Agg")
            _draw_matplotlib(workloads, engines, ratios, directory / "bench.png")
            return "bench.png"
    (directory / "bench.svg").write_text(_svg(workloads, engines, ratios))
    return "bench.svg"


def _draw_matplotlib(workloads, engines, ratios, path):
    import matplotlib.pyplot as plt

    width = 0.8 / len(engines)
    figure, axes = plt.subplots(figsize=(max(6, 1.6 * len(workloads) + 2), 4.5))
    for index, engine in enumerate(engines):
        xs = [w + (index - (len(engines) - 1) / 2) * width for w in range(len(workloads))]
        heights = [ratios.get((workload, engine), 0) for workload in workloads]
        axes.bar(xs, heights, width, label=engine, color=_color(engine))
    axes.axhline(1.0, color="black", linewidth=0.8)
    axes.set_yscale("log")
    axes.set_xticks(range(len(workloads)), workloads)
    axes.set_ylabel("median time / torch's (log scale; lower is faster)")
    axes.set_title("Time relative to torch")
    axes.legend(fontsize="small", ncols=min(4, len(engines)))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _svg(workloads, engines, ratios):
    left, top, plot_height, group_width = 70, 40, 300, max(90, 22 * len(engines))
    width = left + group_width * len(workloads) + 30
    height = top + plot_height + 60 + 18 * len(engines)
    exponents = [math.log10(r) for r in ratios.values()]
    low, high = math.floor(min(min(exponents), 0)), math.ceil(max(max(exponents), 0))
    high = high if high > low else low + 1

    def y_of(ratio):
        return top + plot_height * (high - math.log10(ratio)) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">Time relative to torch (log scale; lower is faster)</text>',
    ]
    for exponent in range(low, high + 1):
        y = y_of(10.0**exponent)
        parts.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{10.0**exponent:g}x</text>')
    bar = (group_width - 20) / len(engines)
    for group, workload in enumerate(workloads):
        x0 = left + group * group_width + 10
        for index, engine in enumerate(engines):
            ratio = ratios.get((workload, engine))
            if ratio is None:
                continue
            y, base = y_of(ratio), y_of(10.0**low)
            parts.append(
                f'<rect x="{x0 + index * bar:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{base - y:.1f}" '
                f'fill="{_color(engine)}"><title>{escape(engine)}: {ratio:.3g}x</title></rect>'
            )
        label_x, label_y = x0 + (group_width - 20) / 2, top + plot_height + 18
        parts.append(f'<text x="{label_x:.1f}" y="{label_y}" text-anchor="middle">{escape(workload)}</text>')
    one = y_of(1.0)
    parts.append(f'<line x1="{left}" x2="{width - 20}" y1="{one:.1f}" y2="{one:.1f}" stroke="black"/>')
    for index, engine in enumerate(engines):
        y = top + plot_height + 40 + 18 * index
        color = _color(engine)
        parts.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{left + 18}" y="{y}">{escape(engine)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
