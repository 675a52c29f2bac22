# A one-step job: run a program with arguments, output named after the job id.
# @ job_name   = hello
# @ executable = /bin/echo
# @ arguments  = Hello from openll
# @ output     = hello.$(jobid).out
# @ error      = hello.$(jobid).err
# @ class      = No_Class
# @ queue
