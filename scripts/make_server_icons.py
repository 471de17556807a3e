"""Draw the add-in's icons (python/invest_xl/excel/server_files/static/images/icons/).

A falling step curve (a survival curve) in white on dark teal, at the sizes Office asks
for. Run once when the design changes: python scripts/make_server_icons.py (needs Pillow).
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "python/invest_xl/excel/server_files/static/images/icons"
SIZES = (16, 32, 64, 80)
BACKGROUND, LINE = (0, 92, 99, 255), (255, 255, 255, 255)
# A survival curve's steps as (x, y) shares of the icon: high at the start, levelling off.
STEPS = ((0.15, 0.2), (0.35, 0.2), (0.35, 0.45), (0.55, 0.45), (0.55, 0.62), (0.85, 0.62))


def icon(size: int) -> Image.Image:
    scale = 4  # draw large, then shrink, for smooth edges
    image = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    side = size * scale
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 6, fill=BACKGROUND)
    points = [(x * side, y * side) for x, y in STEPS]
    draw.line(points, fill=LINE, width=max(scale, side // 11), joint="curve")
    draw.line((0.15 * side, 0.82 * side, 0.85 * side, 0.82 * side), fill=LINE, width=max(scale, side // 22))
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        icon(size).save(OUT / f"invest-xl-{size}.png")
        print(OUT / f"invest-xl-{size}.png")
