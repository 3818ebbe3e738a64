"""Small static SVG charts, generated at publish time (numbers only: nothing to escape)."""

from __future__ import annotations


def stance_bar(pro: int, con: int, neutral: int, width: int = 420) -> str:
    total = max(pro + con + neutral, 1)
    parts, x = [], 0.0
    for value, cls, label in ((pro, "for", "for"), (con, "against", "against"), (neutral, "neutral", "neutral")):
        w = width * value / total
        if value:
            parts.append(f'<rect class="agora-bar-{cls}" x="{x:.1f}" y="0" width="{w:.1f}" height="22">'
                         f"<title>{value} {label}</title></rect>")
            if w > 40:
                parts.append(f'<text x="{x + 6:.1f}" y="15">{value} {label}</text>')
        x += w
    return (f'<svg class="agora-chart" role="img" aria-label="{pro} for, {con} against, {neutral} neutral" '
            f'width="{width}" height="22" viewBox="0 0 {width} 22">{"".join(parts)}</svg>')


def trend_chart(months: dict[str, dict[str, int]], height: int = 80) -> str:
    """For and against units per month: paired bars (numbers only: nothing to escape)."""
    if not months:
        return ""
    peak = max(max(v["for"], v["against"]) for v in months.values()) or 1
    bar, gap = 10, 14
    width = len(months) * (2 * bar + gap) + gap
    parts = []
    for i, (month, counts) in enumerate(months.items()):
        x = gap + i * (2 * bar + gap)
        for j, side in enumerate(("for", "against")):
            h = (height - 20) * counts[side] / peak
            parts.append(f'<rect class="agora-bar-{side}" x="{x + j * bar}" y="{height - 16 - h:.1f}" '
                         f'width="{bar - 1}" height="{h:.1f}"><title>{month}: {counts[side]} {side}</title></rect>')
        if len(month) == 7 and month[4] == "-" and month.replace("-", "").isdigit():
            parts.append(f'<text class="agora-axis" x="{x}" y="{height - 3}">{month[2:]}</text>')
    return (f'<svg class="agora-trend" role="img" aria-label="arguments for and against per month" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')


def bar_list(rows: list[tuple[str, int]], width: int = 360) -> str:
    """Horizontal bars with labels, e.g. stakeholder mentions. Labels are escaped."""
    import html

    if not rows:
        return ""
    peak = max(v for _, v in rows) or 1
    height = 18 * len(rows)
    parts = []
    for i, (label, value) in enumerate(rows):
        w = (width - 150 - 40) * value / peak  # room for the number after the longest bar
        parts.append(f'<text class="agora-axis" x="0" y="{i * 18 + 13}">{html.escape(label[:22])}</text>'
                     f'<rect class="agora-bar-neutral" x="150" y="{i * 18 + 3}" width="{w:.1f}" height="12">'
                     f"<title>{value}</title></rect>"
                     f'<text class="agora-axis" x="{154 + w:.1f}" y="{i * 18 + 13}">{value}</text>')
    return (f'<svg class="agora-bars" role="img" aria-label="mentions per stakeholder" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')
