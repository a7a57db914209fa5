try:
    raise KeyError('a')
finally:
    print('cleanup')
