# A step that fails: llq -l shows its exit code.
# @ job_name   = fails
# @ executable = /bin/sh
# @ arguments  = -c "echo about to fail; exit 3"
# @ output     = fails.$(jobid).out
# @ queue
