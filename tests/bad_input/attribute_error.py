class Point:
    pass

p = Point()
p.zzz
