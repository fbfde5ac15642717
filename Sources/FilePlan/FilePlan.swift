// The file plan (Aktenplan) model arrives with issue 3. This module exists now so that the
// package layout of DESIGN.md is in place and ScanPipeline can depend on it.
