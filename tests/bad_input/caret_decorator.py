def deco(f): raise TypeError('no')
@deco
def g(): pass
