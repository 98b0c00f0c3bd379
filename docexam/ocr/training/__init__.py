"""Training-time tools for the built-in recogniser (issue 21). Nothing here is imported when docexam reads a document:
``tools/train_ocrb.py`` and the tests use it."""
