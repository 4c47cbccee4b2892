#!/usr/bin/env bash
# Gathers what tools/gpu/webgpu-check.cjs needs on a bare GPU machine into one folder (default .gpu/):
# the node binary (xz), Dawn's node binding from the `webgpu` npm package, tfjs's UMD bundles, and the
# Vulkan loader from Debian. About 30 MB; the machine needs only its NVIDIA driver.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$repo/.gpu}"
mkdir -p "$out/node_modules/@tensorflow" "$out/debs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts webgpu@0.6.2 >/dev/null)
cp "$work/node_modules/webgpu/dist/linux-x64/dawn.node" "$out/dawn.node"
for package in tfjs-core:tf-core tfjs-backend-cpu:tf-backend-cpu tfjs-backend-webgpu:tf-backend-webgpu tfjs-layers:tf-layers; do
  name="${package%%:*}"; bundle="${package##*:}"
  mkdir -p "$out/node_modules/@tensorflow/$name"
  cp "$repo/node_modules/@tensorflow/$name/dist/$bundle.min.js" "$out/node_modules/@tensorflow/$name/index.js"
  echo '{"main":"index.js"}' > "$out/node_modules/@tensorflow/$name/package.json"
done
# tfjs-backend-cpu's bundle requires seedrandom.
cp -r "$repo/node_modules/seedrandom" "$out/node_modules/"
[ -f "$out/node.xz" ] || xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
# The Vulkan loader and GL vendor-neutral dispatch that NVIDIA's ICD (libGLX_nvidia) needs.
(cd "$out/debs" && apt-get download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null)
cp "$repo/tools/gpu/webgpu-check.cjs" "$out/"
du -sh "$out"
