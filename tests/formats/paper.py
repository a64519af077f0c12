"""A two-column paper generated as a PDF for the tests (fpdf2, core fonts: Latin text only)."""

from __future__ import annotations

from fpdf import FPDF

HEADER = "Preprint. Under review at a workshop on efficient models."
LEFT = [
    "Adapters for small models",
    "We study how low-rank adapters change the memory needed to fine-tune a",
    "language model. The base weights stay frozen and only two thin matrices",
    "are trained for every attention projection in the network.",
]
RIGHT = [
    "On a single consumer card the adapted model trains with one third of the",
    "memory of full fine-tuning. The quality on our held-out tasks is within a",
    "point of the fully tuned model, which we attribute to the rank of sixteen.",
]
PAGE_TWO = [
    "The quantized variant of the method keeps the frozen weights in four-bit",
    "precision and dequantizes them on the fly. This lets a seven-billion para-",
    "meter model be tuned on a laptop, at a modest cost in speed per step.",
]
PAGE_THREE = [
    "We thank the reviewers. Code and checkpoints will be released with the",
    "camera-ready version of this paper after the review period ends.",
]
REFERENCES = [
    "[1] A. Writer and B. Reader. Imaginary results on adapters. 2031.",
    "[2] C. Person. Another citation nobody should quote. 2032.",
]


def _page(pdf: FPDF, number: int) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(20, 8)
    pdf.cell(170, 5, HEADER, align="C")
    pdf.set_xy(20, 285)
    pdf.cell(170, 5, str(number), align="C")
    pdf.set_font("Helvetica", size=10)


def _column(pdf: FPDF, x: float, y: float, lines: list[str]) -> None:
    pdf.set_font("Helvetica", size=7)  # narrow enough to leave a gutter between the columns
    for i, line in enumerate(lines):
        pdf.set_xy(x, y + 6 * i)
        pdf.cell(80, 5, line)


def two_column_paper() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Adapters for Small Models")
    pdf.set_author("A. Writer")
    _page(pdf, 1)
    pdf.set_font("Helvetica", size=14)
    pdf.set_xy(20, 25)
    pdf.cell(170, 8, "Adapters for Small Models: a Study of Memory", align="C")
    pdf.set_font("Helvetica", size=8)
    _column(pdf, 15, 45, LEFT)
    _column(pdf, 110, 45, RIGHT)
    _page(pdf, 2)
    pdf.set_font("Helvetica", size=8)
    _column(pdf, 15, 45, PAGE_TWO)
    _column(
        pdf,
        110,
        45,
        [
            "Results on the second page continue in this column",
            "of text, with more",
            "words about batch sizes and memory.",
        ],
    )
    _page(pdf, 3)
    pdf.set_font("Helvetica", size=8)
    _column(pdf, 15, 45, PAGE_THREE)
    pdf.set_xy(15, 80)
    pdf.set_font("Helvetica", size=10)
    pdf.cell(80, 5, "References")
    pdf.set_font("Helvetica", size=8)
    _column(pdf, 15, 90, REFERENCES)
    return bytes(pdf.output())
