"""The examiner's reference library (issue 19): document types, genuine specimens, annotations."""
