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
