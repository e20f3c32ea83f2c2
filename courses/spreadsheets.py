"""CSV files for members and editors: one writer, one guard against spreadsheet formulas."""

import csv

from django.http import HttpResponse


def csv_cell(value) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula (leading apostrophe)."""
    value = "" if value is None else str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_response(filename: str, *, byte_order_mark: bool = False) -> tuple[HttpResponse, "csv._writer"]:
    """An attachment response and a CSV writer on it; the mark helps spreadsheets read accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if byte_order_mark:
        response.write("\ufeff")
    return response, csv.writer(response)
