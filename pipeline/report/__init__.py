"""What a bureau files: the recognition sheet PDF of one applicant and the batch workbook."""
