"""Export for the GP and the user's data rights (issue 7).

report.py gathers the GP report (a fixed number of queries, pure maths);
pdf.py and the HTML report page show it; csv_export.py, json_export.py
(with import) and fhir.py write the other formats; share.py makes and
checks the read-only links; views.py holds the pages.
"""
