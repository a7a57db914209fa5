if True:
    y = }
