#!/usr/bin/env bash
# Run a caresim sweep as a Slurm array job: each task runs one shard, then merge.
#
#   sbatch --array=1-8 experiments/slurm-array.sh experiments/social-workers-x-d2a-beds.toml
#   # when every task has finished (or as a dependent job: sbatch --dependency=afterok:JOBID ...):
#   caresim merge output/social-workers-x-d2a-beds/shard-*
#
# Each task writes its own folder, so tasks never touch the same file; a task that is killed
# can be resubmitted as it is and skips the units it had finished. The merged results are
# exactly those of one unsharded run (same bytes).
#SBATCH --job-name=caresim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=01:00:00
set -euo pipefail

experiment=${1:?usage: sbatch --array=1-N slurm-array.sh EXPERIMENT.toml}
task=${SLURM_ARRAY_TASK_ID:?run as an array job: sbatch --array=1-N}
# The array's size: Slurm sets SLURM_ARRAY_TASK_COUNT; with 1-N arrays this is N.
shards=${SLURM_ARRAY_TASK_COUNT:?}
name=$(basename "$experiment" .toml)
out=${CARESIM_OUT:-output/$name}/shard-$task
caresim=${CARESIM:-caresim}

"$caresim" sweep "$experiment" --shard "$task/$shards" --threads "${SLURM_CPUS_PER_TASK:-1}" --out "$out"
