"""A relation row's parts (subject, predicate, object) fitted to the list's width
(render.fit_parts): whatever their lengths, in work proportional to them. Two parts of 200,000
characters (a hostile card's name and predicate) shrank in turn a cell at a time, each step
measuring the whole part: the app's first frame never came (minutes). Rows whose parts are each
within the width are laid out as before (the old loop, kept here as the reference)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import cells

from explorer.app.render import fit_parts, middle_truncate


def reference(parts, width, minimum=3):
    parts = list(parts)
    lengths = [cells.cell_len(p) for p in parts]
    while sum(lengths) > width:
        order = sorted(range(len(parts)), key=lambda i: -lengths[i])
        longest = order[0]
        if lengths[longest] <= minimum:
            break
        second = lengths[order[1]] if len(order) > 1 else 0
        target = max(minimum, second, lengths[longest] - (sum(lengths) - width))
        if target >= lengths[longest]:
            target = lengths[longest] - 1
        parts[longest] = middle_truncate(parts[longest], target)
        lengths[longest] = cells.cell_len(parts[longest])
    return parts


_PART = st.text(st.sampled_from("ab c界😀é"), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=4), st.integers(9, 80))
def test_parts_within_the_width_are_fitted_as_before(parts, width):
    parts = [p[:width] for p in parts]
    if max(cells.cell_len(p) for p in parts) > width:
        parts = [middle_truncate(p, width) for p in parts]
    assert fit_parts(parts, width) == reference(parts, width)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PART.map(lambda p: p * 50), min_size=1, max_size=4), st.integers(9, 80))
def test_any_parts_fit(parts, width):
    fitted = fit_parts(parts, width)
    assert len(fitted) == len(parts)
    assert sum(map(cells.cell_len, fitted)) <= width or all(cells.cell_len(p) <= 3 for p in fitted)
    for before, after in zip(parts, fitted):
        assert after == before or "…" in after


def test_long_parts_are_fitted_in_work_proportional_to_them(monkeypatch):
    measured = []
    real = cells.cell_len
    monkeypatch.setattr(cells, "cell_len", lambda text, *a: measured.append(len(text)) or real(text, *a))
    parts = ["N " + "w" * 5_000, "knows " + "w" * 5_000, "Bob Jones"]
    fitted = fit_parts(parts, 90)
    assert sum(map(real, fitted)) <= 90
    assert sum(measured) < 10 * sum(map(len, parts)), sum(measured)  # (was 50 million characters)
