# Opening a file that does not exist.
f = open("/nonexistent_dir_for_twinpy/x.txt")
