"""What ops leads review: the unresolved-intent log and the metrics."""
