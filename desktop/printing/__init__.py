"""PDF documents (bill, payment receipt, shift report) drawn with reportlab."""
