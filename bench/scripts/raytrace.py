# raytrace: a small Whitted-style ray tracer (spheres and a plane, point lights,
# shadows, Phong highlights, mirror reflections) rendering into memory and
# printing a checksum of the pixels. Measures float math, operator overloading
# on small Vector objects, method calls and object allocation.
# category: cpu
# usage: raytrace.py [threads=1] [size=160]
import sys
import time
from _harness import agreed, parse_args, run_workers

EPSILON = 1e-4
MAX_DEPTH = 3


class Vector:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return self.dot(self) ** 0.5

    def normalized(self):
        return self * (1.0 / self.length())

    def blend(self, other):
        """Component-wise product, for tinting light by a surface colour."""
        return Vector(self.x * other.x, self.y * other.y, self.z * other.z)


BLACK = Vector(0.0, 0.0, 0.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def point_at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, reflect):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect

    def color_at(self, point):
        return self.color


class Checker(Material):
    def __init__(self, color, other, diffuse, specular, reflect):
        super().__init__(color, diffuse, specular, reflect)
        self.other = other

    def color_at(self, point):
        if (int(point.x + 1000.0) + int(point.z + 1000.0)) % 2 == 0:
            return self.color
        return self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """Distance along ray to the nearest hit in front of it, or None."""
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = disc ** 0.5
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if -EPSILON < denom < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []
        self.ambient = 0.08

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, to_light, distance):
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            # Sky: a vertical gradient.
            k = 0.5 * (ray.direction.y + 1.0)
            return Vector(0.2 + 0.3 * k, 0.3 + 0.4 * k, 0.5 + 0.5 * k)
        point = ray.point_at(t)
        normal = obj.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        mat = obj.material
        base = mat.color_at(point)
        color = base * self.ambient
        for light in self.lights:
            offset = light.position - point
            distance = offset.length()
            to_light = offset * (1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0.0 or self.shadowed(point, to_light, distance):
                continue
            color = color + base.blend(light.color) * (lambert * mat.diffuse)
            half = (to_light - ray.direction).normalized()
            spec = normal.dot(half)
            if spec > 0.0:
                color = color + light.color * (mat.specular * spec ** 24)
        if mat.reflect > 0.0 and depth < MAX_DEPTH:
            d = ray.direction
            bounce = d - normal * (2.0 * d.dot(normal))
            color = color + self.trace(Ray(point, bounce), depth + 1) * mat.reflect
        return color


def build_scene():
    scene = Scene()
    scene.objects.append(Plane(Vector(0.0, -1.0, 0.0), Vector(0.0, 1.0, 0.0),
                               Checker(Vector(0.9, 0.9, 0.9), Vector(0.1, 0.1, 0.1),
                                       0.8, 0.2, 0.25)))
    scene.objects.append(Sphere(Vector(0.0, 0.0, 4.0), 1.0,
                                Material(Vector(0.9, 0.2, 0.2), 0.7, 0.6, 0.3)))
    scene.objects.append(Sphere(Vector(-2.1, -0.2, 5.0), 0.8,
                                Material(Vector(0.2, 0.8, 0.3), 0.8, 0.4, 0.1)))
    scene.objects.append(Sphere(Vector(2.0, 0.3, 5.5), 1.3,
                                Material(Vector(0.3, 0.4, 0.9), 0.6, 0.8, 0.5)))
    scene.objects.append(Sphere(Vector(0.6, -0.7, 2.6), 0.3,
                                Material(Vector(0.9, 0.8, 0.2), 0.9, 0.3, 0.0)))
    scene.lights.append(Light(Vector(-4.0, 5.0, -1.0), Vector(0.9, 0.9, 0.8)))
    scene.lights.append(Light(Vector(3.0, 4.0, 1.0), Vector(0.4, 0.4, 0.5)))
    return scene


def to_byte(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0 + 0.5)


def render(size):
    scene = build_scene()
    eye = Vector(0.0, 0.6, -1.5)
    target = Vector(0.0, 0.0, 4.0)
    forward = (target - eye).normalized()
    right = Vector(0.0, 1.0, 0.0).cross(forward).normalized()
    up = forward.cross(right)
    checksum = 0
    histogram = [0] * 8
    for row in range(size):
        v = 0.5 - (row + 0.5) / size
        for col in range(size):
            u = (col + 0.5) / size - 0.5
            direction = (forward + right * u + up * v).normalized()
            c = scene.trace(Ray(eye, direction), 0)
            r = to_byte(c.x)
            g = to_byte(c.y)
            b = to_byte(c.z)
            checksum = (checksum * 16777619 + (r << 16 | g << 8 | b)) % 4294967291
            histogram[(r + g + b) // 96] += 1
    return checksum, histogram


def main():
    threads, size = parse_args(160)
    results, elapsed = run_workers(threads, render, (size,))
    checksum, histogram = agreed(results)
    print("raytrace %dx%d checksum %d" % (size, size, checksum))
    print("brightness histogram", histogram)
    print("elapsed %.6f" % elapsed)


main()
