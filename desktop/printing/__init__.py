"""reportlab documents (bill, receipt, shift report) and the Qt glue that previews and prints them."""
